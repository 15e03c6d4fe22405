package dev.nnjit.tokenizer;

/** Ids as the JSON array text the reference script writes ("[1,2,3]"). */
final class TokenizeCommandIds {
    private TokenizeCommandIds() {}

    static String json(int[] ids) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < ids.length; i++) { if (i > 0) b.append(','); b.append(ids[i]); }
        return b.append(']').toString();
    }
}
