package dev.nnjit.model;

import java.util.Arrays;

/** A growable float array for repeated float fields (floats attributes); grows with bytes actually read. */
final class FloatList {
    private float[] values = new float[8];
    private int size;

    void add(float v) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = v;
    }

    int size() { return size; }
    float[] toArray() { return Arrays.copyOf(values, size); }
}
