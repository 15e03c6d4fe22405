package dev.nnjit.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a command may touch of its process: standard streams and environment (tests pass their own).
 *
 * @param debugLevel NNJIT_DEBUG as a level (1: stack traces, 4: kernels print WGSL)
 */
record CommandIo(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, int debugLevel) {}
