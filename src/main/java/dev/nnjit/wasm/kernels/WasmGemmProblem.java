package dev.nnjit.wasm.kernels;

import dev.nnjit.ops.fused.Activation;
import dev.nnjit.codegen.KernelProblem;

/**
 * {@code C (m,n) = act(A (m,k) @ B (k,n) [+ bias (n)])}, f32, all row-major and contiguous unless B is packed,
 * shapes static (the generated code is specialized on them). Rows (or columns, per the schedule) of C are split
 * across calls by the range arguments. m = 1 is a GEMV, which {@link WasmGemvKernel} serves better.
 *
 * @param bias a per-column bias of n floats is added before the activation
 * @param activation applied after the bias (see {@code VectorActivation} for each one's accuracy)
 * @param packedB B arrives packed once ahead of time (a constant weight), in the layout
 *     {@link WasmGemmKernel#packB} writes for the schedule's nr: the kernel then packs nothing per call
 */
public record WasmGemmProblem(int m, int n, int k, boolean bias, Activation activation, boolean packedB)
        implements KernelProblem {
    /** B row-major, packed by each call. */
    public WasmGemmProblem(int m, int n, int k, boolean bias, Activation activation) {
        this(m, n, k, bias, activation, false);
    }

    public WasmGemmProblem {
        if (m <= 0 || n <= 0 || k <= 0) {
            throw new IllegalArgumentException("gemm dims must be positive: m=" + m + " n=" + n + " k=" + k);
        }
        if (!supports(activation)) {
            throw new IllegalArgumentException("the wasm gemm epilogue needs an activation (NONE for none)");
        }
    }

    /** Whether the epilogue can apply {@code a} (every activation, through {@code VectorActivation}). */
    public static boolean supports(Activation a) { return a != null; }

    public static WasmGemmProblem of(int m, int n, int k) { return new WasmGemmProblem(m, n, k, false, Activation.NONE); }

    public boolean hasEpilogue() { return bias || activation != Activation.NONE; }

    @Override public String key() {
        return "m" + m + "n" + n + "k" + k + (bias ? "_bias" : "") + "_" + activation.name().toLowerCase()
                + (packedB ? "_packedB" : "");
    }

    /** "A (m,k) @ B (k,n) + bias (n) -> C (m,n), relu" for comments and reports. */
    public String describe() {
        return "A (" + m + "," + k + ") @ B (" + k + "," + n + (packedB ? ", packed" : "") + ")"
                + (bias ? " + bias (" + n + ")" : "") + " -> C (" + m + "," + n + ")"
                + (activation == Activation.NONE ? "" : ", " + activation.name().toLowerCase());
    }
}
