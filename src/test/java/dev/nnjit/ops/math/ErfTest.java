package dev.nnjit.ops.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Erf against reference values (CPython's math.erf, i.e. the C library's erf), to 1e-14 absolute. */
class ErfTest {
    @Test
    void tabulatedValues() {
        double[][] table = {
                {0.0, 0.0}, {0.1, 0.1124629160182849}, {0.5, 0.5204998778130465}, {1.0, 0.8427007929497149},
                {1.5, 0.9661051464753108}, {2.0, 0.9953222650189527}, {2.5, 0.9995930479825550},
                {2.99, 0.9999764743969194}, {3.0, 0.9999779095030014}, {3.5, 0.9999992569016276},
                {4.0, 0.9999999845827421}, {5.0, 0.9999999999984626}, {6.5, 1.0}};
        for (double[] row : table) {
            assertEquals(row[1], Erf.erf(row[0]), 1e-14, "erf(" + row[0] + ")");
            assertEquals(-row[1], Erf.erf(-row[0]), 1e-14, "erf(" + -row[0] + ")");
        }
    }

    @Test
    void continuousWhereTheMethodsMeet() {
        double below = Erf.erf(Math.nextDown(3.0)), at = Erf.erf(3.0);
        assertEquals(at, below, 1e-15);
        assertEquals(2.209049699858544e-05, Erf.erfcContinuedFraction(3.0), 1e-18);
    }
}
