package dev.nnjit.runtime.webgpu;

/**
 * How one op type becomes kernels. Implementations read the node through the {@link NodeLowering} context, define
 * every output the graph uses (computed by dispatches, or a view of another tensor) and never fall back to the CPU:
 * what they cannot lower they reject with {@link NodeLowering#unsupported(String)}, naming the node and the reason.
 */
public interface OpLowering {
    void lower(NodeLowering node);
}
