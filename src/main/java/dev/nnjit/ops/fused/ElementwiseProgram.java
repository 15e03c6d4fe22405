package dev.nnjit.ops.fused;

import dev.nnjit.tensor.DType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The computation of a fused elementwise node: a DAG of typed instructions over the node's inputs, listed in
 * dependency order (operands before users); the last instruction is the result. Immutable; carried as the node's
 * {@link dev.nnjit.graph.Node#payload() payload}.
 *
 * <p>Semantics: every instruction means the ONNX op of the same name (listed in {@link Op#onnxOpType}) applied with
 * multidirectional broadcasting, so the program computes exactly what the chain of ops it replaced computed. Input i
 * is the node's input i; an input may be read by several instructions. Constants are scalars.
 *
 * <p>Its op vocabulary matches the codegen's {@code ElementwiseExpr.Op} (same names), so a kernel generator can
 * translate instruction by instruction; dtypes are ONNX's (a GPU maps int64 to i32 and float16 to f32 itself).
 */
public final class ElementwiseProgram {

    /** Instruction kinds; {@code arity} -1 for leaves. */
    public enum Op {
        INPUT(-1, null), CONST(-1, null),
        ADD(2, "Add"), SUB(2, "Sub"), MUL(2, "Mul"), DIV(2, "Div"), POW(2, "Pow"), MIN(2, "Min"), MAX(2, "Max"),
        NEG(1, "Neg"), ABS(1, "Abs"), SQRT(1, "Sqrt"), RECIPROCAL(1, "Reciprocal"), EXP(1, "Exp"), LOG(1, "Log"),
        ERF(1, "Erf"), TANH(1, "Tanh"), SIGMOID(1, "Sigmoid"), RELU(1, "Relu"), GELU(1, "Gelu"),
        GELU_TANH(1, "Gelu"), SILU(1, "SiLU"), FLOOR(1, "Floor"), CEIL(1, "Ceil"),
        EQUAL(2, "Equal"), LESS(2, "Less"), LESS_EQUAL(2, "LessOrEqual"), GREATER(2, "Greater"),
        GREATER_EQUAL(2, "GreaterOrEqual"),
        AND(2, "And"), OR(2, "Or"), XOR(2, "Xor"), NOT(1, "Not"),
        WHERE(3, "Where"), CAST(1, "Cast");

        public final int arity;
        /** The op this instruction means (SILU: nnjit.SiLU; GELU_TANH: Gelu with approximate="tanh"). */
        public final String onnxOpType;

        Op(int arity, String onnxOpType) {
            this.arity = arity;
            this.onnxOpType = onnxOpType;
        }
    }

    /**
     * One instruction: {@code type} is its result dtype (for CAST, the target); {@code args} index earlier
     * instructions; {@code input} is the node input read by an INPUT; {@code constant} the value of a CONST (bool
     * 0/1; integers are exact: the builder keeps only |v| < 2^31 inline).
     */
    public record Instr(Op op, DType type, List<Integer> args, int input, double constant) {
        public Instr {
            args = List.copyOf(args);
            if (op.arity >= 0 && args.size() != op.arity) {
                throw new IllegalArgumentException(op + " takes " + op.arity + " operands, got " + args.size());
            }
        }

        public int arg(int i) { return args.get(i); }
    }

    private final List<Instr> instrs;
    private final List<DType> inputTypes;

    private ElementwiseProgram(List<Instr> instrs, List<DType> inputTypes) {
        this.instrs = Collections.unmodifiableList(new ArrayList<>(instrs));
        this.inputTypes = Collections.unmodifiableList(new ArrayList<>(inputTypes));
    }

    public List<Instr> instrs() { return instrs; }
    /** The dtype of each node input. */
    public List<DType> inputTypes() { return inputTypes; }
    public int inputCount() { return inputTypes.size(); }
    public DType outputType() { return instrs.get(instrs.size() - 1).type(); }

    /** Count of instructions that compute (not INPUT or CONST). */
    public int opCount() {
        int n = 0;
        for (Instr i : instrs) if (i.op().arity >= 0) n++;
        return n;
    }

    /** Builds a program; instructions are appended in dependency order and the last one added is the result. */
    public static final class Builder {
        private final List<Instr> instrs = new ArrayList<>();
        private final List<DType> inputTypes = new ArrayList<>();

        /** Declares the next node input (0, 1, ... in call order) and returns the id of its INPUT instruction. */
        public int input(DType type) {
            inputTypes.add(type);
            return add(new Instr(Op.INPUT, type, List.of(), inputTypes.size() - 1, 0));
        }

        /** A scalar constant of {@code type}; integer constants must be integral and below 2^31 in magnitude. */
        public int constant(double value, DType type) {
            if (type.isInteger() && (value != Math.rint(value) || Math.abs(value) >= 2147483648.0)) {
                throw new IllegalArgumentException("integer constant must be integral and below 2^31, got " + value);
            }
            if (type == DType.BOOL) value = value != 0 ? 1 : 0;
            return add(new Instr(Op.CONST, type, List.of(), -1, value));
        }

        /** An operation on earlier instructions, with its result dtype. */
        public int op(Op op, DType type, int... args) {
            if (op.arity < 0) throw new IllegalArgumentException("use input()/constant() for " + op);
            List<Integer> a = new ArrayList<>();
            for (int x : args) {
                if (x < 0 || x >= instrs.size()) throw new IllegalArgumentException(op + " reads instruction " + x
                        + ", which is not defined yet");
                a.add(x);
            }
            return add(new Instr(op, type, a, -1, 0));
        }

        private int add(Instr i) {
            instrs.add(i);
            return instrs.size() - 1;
        }

        public ElementwiseProgram build() {
            if (instrs.isEmpty()) throw new IllegalStateException("empty program");
            return new ElementwiseProgram(instrs, inputTypes);
        }
    }

    /** Canonical text, e.g. {@code "0=in0:float32;1=c:float32:0.5;2=mul(0,1)"}: equal programs have equal text. */
    @Override public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < instrs.size(); i++) {
            Instr in = instrs.get(i);
            if (i > 0) sb.append(';');
            sb.append(i).append('=');
            switch (in.op()) {
                case INPUT: sb.append("in").append(in.input()).append(':').append(in.type()); break;
                case CONST:
                    sb.append("c:").append(in.type()).append(':');
                    if (in.type().isFloating()) sb.append((float) in.constant()); else sb.append((long) in.constant());
                    break;
                default:
                    sb.append(in.op().name().toLowerCase());
                    if (in.op() == Op.CAST) sb.append('_').append(in.type());
                    sb.append('(');
                    for (int j = 0; j < in.args().size(); j++) {
                        if (j > 0) sb.append(',');
                        sb.append(in.arg(j));
                    }
                    sb.append(')');
            }
        }
        return sb.toString();
    }

    @Override public boolean equals(Object o) {
        return o instanceof ElementwiseProgram && toString().equals(o.toString());
    }

    @Override public int hashCode() { return toString().hashCode(); }
}
