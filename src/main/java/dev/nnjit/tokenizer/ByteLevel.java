package dev.nnjit.tokenizer;

/** GPT-2's byte-to-character table: each UTF-8 byte as one printable character (and back). */
final class ByteLevel {
    private ByteLevel() {}

    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[324];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        int n = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (256 + n++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    static String encode(String word) {
        byte[] bytes = Text.utf8(word);
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) out[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        return new String(out);
    }

    /** The bytes behind byte-level characters, as text (invalid UTF-8 becomes U+FFFD); a character outside the
     * table stands for byte 0, as in the JS port (its undefined lookup becomes 0 in a Uint8Array). */
    static String decode(String chars) {
        byte[] bytes = new byte[chars.length()];
        int n = 0;
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            bytes[n++] = (byte) (c < CHAR_TO_BYTE.length && CHAR_TO_BYTE[c] >= 0 ? CHAR_TO_BYTE[c] : 0);
        }
        return Text.fromUtf8(bytes, n);
    }
}
