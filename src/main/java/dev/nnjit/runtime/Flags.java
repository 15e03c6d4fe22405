package dev.nnjit.runtime;

/**
 * The one debug ladder (tinygrad's DEBUG levels): 0 quiet; 1 stack traces with errors (command line); 2 every GPU
 * step's chosen schedule at compile time (node, site family, problem, config, candidates, decision source); 4 also
 * each distinct kernel's WGSL. Set once per process: on the JVM from the environment variable {@code NNJIT_DEBUG}
 * (the command line does this), in the page from {@code ?debug=N} or {@code nnjit.env.debug} (engine.js passes it as
 * the load option {@code debug}). Logs go to standard output (the browser console in the page): never to standard
 * error, which the browser runner treats as a page error.
 */
public final class Flags {
    /** Level at which compile logs each step's chosen schedule. */
    public static final int LOG_SCHEDULES = 2;
    /** Level at which compile also dumps every distinct kernel's WGSL. */
    public static final int DUMP_WGSL = 4;

    private static int debug;

    private Flags() {}

    public static int debug() { return debug; }

    public static void setDebug(int level) { debug = Math.max(0, level); }

    /** The level an NNJIT_DEBUG value names: its integer, 0 when absent or not a number. */
    public static int parseLevel(String value) {
        if (value == null || value.trim().isEmpty()) return 0;
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
