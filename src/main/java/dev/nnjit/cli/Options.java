package dev.nnjit.cli;

import java.util.List;

/** Option-value parsing the commands share; every problem is a {@link UsageException} naming the option. */
final class Options {
    private Options() {}

    /** The value after {@code args[i]} (the option itself). */
    static String next(List<String> args, int i, String option) {
        if (i + 1 >= args.size()) throw new UsageException(option + " needs a value");
        return args.get(i + 1);
    }

    /** An integer in [min, max]. */
    static long integer(String option, String text, long min, long max) {
        long v;
        try {
            v = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs an integer, got '" + text + "'");
        }
        if (v < min || v > max) throw new UsageException(option + " must be in [" + min + ", " + max + "], got " + v);
        return v;
    }

    /** A decimal number. */
    static double decimal(String option, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a number, got '" + text + "'");
        }
    }
}
