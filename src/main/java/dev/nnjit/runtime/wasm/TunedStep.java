package dev.nnjit.runtime.wasm;

import dev.nnjit.tune.TuningSite;
import java.util.List;
import java.util.function.Function;

/**
 * The schedule decision of a kernel step: its {@link TuningSite}, the candidate it was built with, and how to build
 * its calls for any candidate of the site, so a tuned winner can be swapped in between runs (a split-axis change
 * changes the calls' work range and grain, not only the kernel). Every candidate reads and writes the same memory
 * tensors, and the memory plan reserves the largest workspace any of them needs.
 *
 * @param key the candidate the step was built with
 * @param callsFor candidate key → the step's calls running that candidate
 * @param maxWorkspaceBytes the largest workspace of the site's candidates
 */
record TunedStep(TuningSite<?> site, String key, Function<String, List<KernelCall>> callsFor, int maxWorkspaceBytes) {}
