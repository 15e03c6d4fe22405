package dev.nnjit.tune;

import java.util.List;

/** FNV-1a 64-bit over UTF-16 code units, as 16 hex digits: stable across JVM, Wasm GC and JS builds. */
public final class Checksum {
    private Checksum() {}

    public static String of(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            h ^= c & 0xff;
            h *= 0x100000001b3L;
            h ^= c >>> 8;
            h *= 0x100000001b3L;
        }
        String s = Long.toHexString(h);
        return "0000000000000000".substring(s.length()) + s;
    }

    /** FNV-1a 64 over bytes (a Wasm module), as 16 hex digits. */
    public static String of(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        String s = Long.toHexString(h);
        return "0000000000000000".substring(s.length()) + s;
    }

    /** The checksum of the parts joined by '\n'. */
    public static String of(List<String> parts) { return of(String.join("\n", parts)); }
}
