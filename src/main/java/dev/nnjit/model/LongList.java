package dev.nnjit.model;

import java.util.Arrays;

/** A growable long array for repeated int64 fields (dims, ints attributes); grows with bytes actually read. */
final class LongList {
    private long[] values = new long[8];
    private int size;

    void add(long v) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = v;
    }

    int size() { return size; }
    long[] toArray() { return Arrays.copyOf(values, size); }
}
