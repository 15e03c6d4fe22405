package dev.nnjit.tokenizer;

/**
 * Several inputs encoded as one rectangular batch, as a model's {@code input_ids}/{@code attention_mask}/
 * {@code token_type_ids} want them: row-major {@code [batch, length]} arrays, each row truncated to the maximum
 * length and padded (pad id, mask 0, type 0) to the longest row, rounded up to a multiple of
 * {@code padToMultipleOf} (fewer distinct shapes, so fewer compiled programs) but never beyond the maximum length.
 */
public record BatchEncoding(int batch, int length, int[] ids, int[] attentionMask, int[] typeIds) {

    /** How to truncate and pad: maxLength 0 = no truncation; padToMultipleOf 1 = pad to the longest row only. */
    public record Options(int maxLength, int padToMultipleOf, int padId, boolean padLeft) {
        public Options {
            if (maxLength < 0) throw new IllegalArgumentException("maxLength must be >= 0, got " + maxLength);
            if (padToMultipleOf < 1) throw new IllegalArgumentException("padToMultipleOf must be >= 1, got " + padToMultipleOf);
        }

        /** The tokenizer_config.json defaults: its maximum length, pad token and side. */
        public static Options of(TokenizerConfig config, Tokenizer tokenizer, int padToMultipleOf) {
            return new Options(config.maxLength(), padToMultipleOf, config.padId(tokenizer), config.padLeft());
        }
    }

    /** Encodes {@code texts} (with {@code pairs[i]} as the second sequence when pairs is not null). */
    public static BatchEncoding encode(Tokenizer tokenizer, String[] texts, String[] pairs, Options options) {
        if (pairs != null && pairs.length != texts.length) {
            throw new IllegalArgumentException(texts.length + " texts but " + pairs.length + " pairs");
        }
        Encoding[] rows = new Encoding[texts.length];
        int longest = 0;
        for (int i = 0; i < texts.length; i++) {
            rows[i] = tokenizer.encode(texts[i], pairs == null ? null : pairs[i], options.maxLength());
            longest = Math.max(longest, rows[i].ids().length);
        }
        int m = options.padToMultipleOf();
        int length = (longest + m - 1) / m * m;
        if (options.maxLength() > 0) length = Math.min(length, Math.max(options.maxLength(), longest));
        int[] ids = new int[texts.length * length];
        int[] mask = new int[ids.length];
        int[] types = new int[ids.length];
        for (int i = 0; i < rows.length; i++) {
            Encoding e = rows[i];
            int n = e.ids().length;
            int start = i * length + (options.padLeft() ? length - n : 0);
            for (int j = i * length; j < (i + 1) * length; j++) ids[j] = options.padId();
            System.arraycopy(e.ids(), 0, ids, start, n);
            System.arraycopy(e.attentionMask(), 0, mask, start, n);
            System.arraycopy(e.typeIds(), 0, types, start, n);
        }
        return new BatchEncoding(texts.length, length, ids, mask, types);
    }
}
