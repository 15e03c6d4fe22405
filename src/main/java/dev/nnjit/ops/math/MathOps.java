package dev.nnjit.ops.math;

import dev.nnjit.ops.OpDef;
import java.util.ArrayList;
import java.util.List;

/** The math op family, registered explicitly (no reflection under TeaVM). */
public final class MathOps {
    private MathOps() {}

    public static List<OpDef> all() {
        List<OpDef> ops = new ArrayList<>();
        ops.addAll(ElementaryFunctions.all());
        ops.addAll(Activations.all());
        ops.add(new ArithmeticOp("Add", ArithmeticOp.Kind.ADD));
        ops.add(new ArithmeticOp("Sub", ArithmeticOp.Kind.SUB));
        ops.add(new ArithmeticOp("Mul", ArithmeticOp.Kind.MUL));
        ops.add(new ArithmeticOp("Div", ArithmeticOp.Kind.DIV));
        ops.add(new ArithmeticOp("Mod", ArithmeticOp.Kind.MOD));
        ops.add(new ArithmeticOp("Pow", ArithmeticOp.Kind.POW));
        ops.add(new ArithmeticOp("PRelu", ArithmeticOp.Kind.PRELU));
        ops.add(new CompareOp("Equal", CompareOp.Kind.EQ));
        ops.add(new CompareOp("Less", CompareOp.Kind.LT));
        ops.add(new CompareOp("LessOrEqual", CompareOp.Kind.LE));
        ops.add(new CompareOp("Greater", CompareOp.Kind.GT));
        ops.add(new CompareOp("GreaterOrEqual", CompareOp.Kind.GE));
        ops.add(new LogicalOp("And", LogicalOp.Kind.AND));
        ops.add(new LogicalOp("Or", LogicalOp.Kind.OR));
        ops.add(new LogicalOp("Xor", LogicalOp.Kind.XOR));
        ops.add(new LogicalOp("Not", LogicalOp.Kind.NOT));
        ops.add(FloatClassOp.isNaN());
        ops.add(FloatClassOp.isInf());
        ops.add(new VariadicOp("Min", VariadicOp.Kind.MIN));
        ops.add(new VariadicOp("Max", VariadicOp.Kind.MAX));
        ops.add(new VariadicOp("Sum", VariadicOp.Kind.SUM));
        ops.add(new VariadicOp("Mean", VariadicOp.Kind.MEAN));
        ops.add(new ClipOp());
        ops.add(new WhereOp());
        ops.add(new MatMulOp());
        ops.add(new GemmOp());
        ops.add(new MatMulIntegerOp());
        ops.add(new EinsumOp());
        ops.add(new QuantizeLinearOp(true));
        ops.add(new QuantizeLinearOp(false));
        ops.add(new DynamicQuantizeLinearOp());
        ops.add(new BitwiseOp("BitShift", BitwiseOp.Kind.SHIFT));
        ops.add(new BitwiseOp("BitwiseAnd", BitwiseOp.Kind.AND));
        ops.add(new BitwiseOp("BitwiseOr", BitwiseOp.Kind.OR));
        ops.add(new BitwiseOp("BitwiseXor", BitwiseOp.Kind.XOR));
        ops.add(new BitwiseOp("BitwiseNot", BitwiseOp.Kind.NOT));
        return ops;
    }
}
