package dev.nnjit.runtime;

import dev.nnjit.graph.Graph;
import dev.nnjit.ops.OpRegistry;

/** The reference backend: runs every op's plain-Java implementation. Works on the JVM and inside TeaVM. */
public final class CpuBackend implements Backend {
    private final OpRegistry registry;

    public CpuBackend(OpRegistry registry) { this.registry = registry; }

    @Override public String name() { return "cpu"; }

    @Override public Executable compile(Graph specialized) {
        CpuExecutor exec = new CpuExecutor(specialized, registry);
        return exec::run;
    }
}
