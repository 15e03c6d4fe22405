package dev.nnjit.cli;

import dev.nnjit.generate.GenerationResult;
import java.util.Locale;

/**
 * {@code nnjit generate --timings}: per-token time against the sequence length, one row per power-of-two range of
 * lengths (the WebGPU length buckets), after a prefill row. A step's length is the number of positions the model
 * read: the prefix (prompt, or the decoder start id) plus the tokens generated before it.
 */
final class DecodeTable {
    private DecodeTable() {}

    static String of(GenerationResult r, int prefix) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-14s %7s %12s %10s%n", "lengths", "tokens", "ms/token", "tokens/s"));
        double[] steps = r.stepMs();
        if (steps.length == 0) return sb.toString();
        sb.append(String.format(Locale.ROOT, "%-14s %7d %12.1f %10.2f%n", "prefill " + prefix, 1, steps[0],
                1000 / steps[0]));
        int i = 1;
        while (i < steps.length) {
            int length = prefix + i;
            int top = Integer.highestOneBit(Math.max(1, length - 1)) * 2;
            int low = length, n = 0;
            double sum = 0;
            while (i < steps.length && prefix + i <= top) {
                sum += steps[i++];
                n++;
            }
            int high = prefix + i - 1;
            double mean = sum / n;
            sb.append(String.format(Locale.ROOT, "%-14s %7d %12.1f %10.2f%n", low + "-" + high, n, mean, 1000 / mean));
        }
        return sb.toString();
    }
}
