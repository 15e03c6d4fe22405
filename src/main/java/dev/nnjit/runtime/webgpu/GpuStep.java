package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.Binding;
import dev.nnjit.codegen.KernelInstance;
import dev.nnjit.tune.TuningSite;
import java.util.List;

/**
 * One dispatch of a lowered program: a kernel and the tensors bound to its bindings, in binding order.
 *
 * @param node the graph node this kernel implements (part of), for errors and per-kernel timings
 * @param opType that node's op type
 * @param args {@code args.get(i)} is bound at {@code kernel.bindings().get(i)}; it must hold at least the
 *     binding's element count, and a writable binding's tensor must be computed by the program (not an input or a
 *     constant)
 * @param site where the kernel's schedule was chosen: its problem and every candidate that may replace the kernel
 *     without moving a buffer
 * @param configKey the chosen candidate's key ("family:config", one of {@code site.keys()}); {@code kernel} is its
 *     instance
 */
public record GpuStep(String node, String opType, KernelInstance kernel, List<GpuTensor> args, TuningSite<?> site,
                      String configKey) {

    public GpuStep {
        args = List.copyOf(args);
        if (site == null || site.indexOf(configKey) < 0) {
            throw new IllegalArgumentException(where(node, opType, kernel) + ": " + configKey + " is not a candidate of"
                    + " its site");
        }
        List<Binding> bindings = kernel.bindings();
        if (args.size() != bindings.size()) {
            throw new IllegalArgumentException(where(node, opType, kernel) + ": " + bindings.size() + " bindings but "
                    + args.size() + " tensors");
        }
        for (int i = 0; i < args.size(); i++) {
            GpuTensor t = args.get(i);
            Binding b = bindings.get(i);
            if (t.isEmpty()) {
                throw new IllegalArgumentException(where(node, opType, kernel) + ": tensor " + t + " is empty, it cannot"
                        + " be bound to " + b.name());
            }
            if (b.elements() > t.elements()) {
                throw new IllegalArgumentException(where(node, opType, kernel) + ": binding " + b.name() + " needs "
                        + b.elements() + " elements, tensor " + t + " has " + t.elements());
            }
            if (b.type() != t.type()) {
                throw new IllegalArgumentException(where(node, opType, kernel) + ": binding " + b.name() + " is "
                        + b.type() + ", tensor " + t + " is " + t.type());
            }
            if (b.access() == Binding.Access.READ_WRITE) {
                GpuTensor.Kind k = t.storage().kind();
                if (k != GpuTensor.Kind.INTERMEDIATE) {
                    throw new IllegalArgumentException(where(node, opType, kernel) + ": binding " + b.name()
                            + " writes " + t + ", which is not computed by the program");
                }
            }
        }
    }

    /** Whether binding i is written by the kernel. */
    public boolean writes(int i) { return kernel.bindings().get(i).access() == Binding.Access.READ_WRITE; }

    /** "node 'n' (Op), kernel family" for errors and logs. */
    public String describe() { return where(node, opType, kernel); }

    private static String where(String node, String opType, KernelInstance k) {
        return "node '" + node + "' (" + opType + "), kernel " + k.family();
    }
}
