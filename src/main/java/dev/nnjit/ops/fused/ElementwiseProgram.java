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
 * <p>Semantics: every instruction means the ONNX op of its {@link ElementwiseOp#onnxOpType} applied with
 * multidirectional broadcasting, so the program computes exactly what the chain of ops it replaced computed. Input i
 * is the node's input i; an input may be read by several instructions. Constants are scalars.
 *
 * <p>Its op vocabulary, {@link ElementwiseOp}, is also the codegen's ({@code ElementwiseExpr}), so a kernel
 * generator translates instruction by instruction; dtypes are ONNX's (a GPU maps int64 to i32 and float16 to f32
 * itself).
 */
public final class ElementwiseProgram {

    /**
     * One instruction: {@code type} is its result dtype (for CAST, the target); {@code args} index earlier
     * instructions; {@code input} is the node input read by an INPUT; {@code constant} the value of a CONST (bool
     * 0/1; integers are exact: the builder keeps only |v| < 2^31 inline).
     */
    public record Instr(ElementwiseOp op, DType type, List<Integer> args, int input, double constant) {
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
            return add(new Instr(ElementwiseOp.INPUT, type, List.of(), inputTypes.size() - 1, 0));
        }

        /** A scalar constant of {@code type}; integer constants must be integral and below 2^31 in magnitude. */
        public int constant(double value, DType type) {
            if (type.isInteger() && (value != Math.rint(value) || Math.abs(value) >= 2147483648.0)) {
                throw new IllegalArgumentException("integer constant must be integral and below 2^31, got " + value);
            }
            if (type == DType.BOOL) value = value != 0 ? 1 : 0;
            return add(new Instr(ElementwiseOp.CONST, type, List.of(), -1, value));
        }

        /** An operation on earlier instructions, with its result dtype. */
        public int op(ElementwiseOp op, DType type, int... args) {
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
                    if (in.op() == ElementwiseOp.CAST) sb.append('_').append(in.type());
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
