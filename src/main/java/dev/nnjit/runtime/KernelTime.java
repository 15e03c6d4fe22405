package dev.nnjit.runtime;

/**
 * The measured time of one dispatch in a profiled GPU run.
 *
 * @param node the graph node it implements; {@code opType} that node's op type; {@code family} the kernel family
 * @param ms GPU time from timestamp queries, or (when the adapter lacks them, or the run asked for it) wall time of
 *     the dispatch submitted alone and awaited
 */
public record KernelTime(String node, String opType, String family, double ms) {}
