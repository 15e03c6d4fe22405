package dev.nnjit.runtime.wasm;

import dev.nnjit.wasm.kernels.WasmKernelInstance;
import java.util.List;

/**
 * One call of a generated kernel's entry function: its i32 arguments in {@link WasmKernelInstance#params()} order,
 * each a tensor's byte address plus a byte delta (a batch's slice), the call's workspace, or a plain number (a work
 * range). Addresses are known only once memory is planned, so they are resolved by the executable.
 *
 * @param grain threads' shares of the work range start at multiples of it from the range's start (a GEMM over
 *     packed B splits columns at whole panels); 1 for any split
 */
public record KernelCall(WasmKernelInstance kernel, List<Arg> args, int grain) {
    public KernelCall(WasmKernelInstance kernel, List<Arg> args) { this(kernel, args, 1); }

    public KernelCall {
        if (grain < 1) throw new IllegalArgumentException("grain must be >= 1, got " + grain);
        args = List.copyOf(args);
        if (args.size() != kernel.params().size()) {
            throw new IllegalArgumentException(kernel.cacheKey() + " takes " + kernel.params() + ", given "
                    + args.size() + " arguments");
        }
    }

    /** One argument; exactly one of tensor (+ deltaBytes), workspace, or value. */
    public record Arg(MemTensor tensor, long deltaBytes, boolean workspace, int value) {
        public static Arg of(MemTensor t) { return new Arg(t, 0, false, 0); }

        public static Arg of(MemTensor t, long deltaBytes) { return new Arg(t, deltaBytes, false, 0); }

        public static Arg scratch() { return new Arg(null, 0, true, 0); }

        public static Arg value(int v) { return new Arg(null, 0, false, v); }
    }
}
