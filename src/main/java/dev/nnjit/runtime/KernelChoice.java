package dev.nnjit.runtime;

/**
 * The schedule one kernel step of a tunable program runs.
 *
 * @param node the graph node it implements; {@code opType} its op type
 * @param family the step's site family ("matmul", "softmax", ...); {@code problem} the site's problem key
 * @param config the candidate it runs ("generator:config"); {@code defaultConfig} the site's candidate 0
 * @param candidates how many candidates its site has
 */
public record KernelChoice(String node, String opType, String family, String problem, String config,
                           String defaultConfig, int candidates) {}
