package dev.nnjit.tune;

/**
 * The accepted difference between a kernel's output and the Java reference: element i passes when
 * {@code |got_i - ref_i| <= atol + rtol * |ref_i|}. A NaN in the reference must be matched by a NaN; any other
 * non-finite or NaN output fails.
 *
 * @param rule why these numbers (shown next to the results, so a reader can judge them)
 */
public record Tolerance(double atol, double rtol, String rule) {
    /** One f32 unit in the last place at 1.0 (2^-23); WGSL states its builtins' accuracy in these. */
    public static final double ULP = 0x1.0p-23;
    /** Unit roundoff of f32 (2^-24): the relative error of one correctly rounded operation. */
    public static final double U = 0x1.0p-24;

    public Tolerance {
        if (!(atol >= 0) || !(rtol >= 0)) throw new IllegalArgumentException("tolerances must be >= 0");
    }

    public static Tolerance exact(String rule) { return new Tolerance(0, 0, rule); }

    /** Compares {@code got} with {@code ref} element by element. */
    public ErrorStats compare(float[] got, float[] ref) {
        if (got.length != ref.length) {
            throw new IllegalArgumentException("output has " + got.length + " elements, reference " + ref.length);
        }
        double maxAbs = 0, maxRel = 0, worst = 0;
        int worstIndex = -1, bad = 0;
        for (int i = 0; i < ref.length; i++) {
            double r = ref[i], g = got[i];
            double ratio;
            double d;
            if (Double.isNaN(r)) {
                d = Double.isNaN(g) ? 0 : Double.POSITIVE_INFINITY;
                ratio = d == 0 ? 0 : Double.POSITIVE_INFINITY;
            } else if (Double.isNaN(g) || Double.isInfinite(g) != Double.isInfinite(r)) {
                d = Double.POSITIVE_INFINITY;
                ratio = Double.POSITIVE_INFINITY;
            } else if (Double.isInfinite(r)) {
                d = g == r ? 0 : Double.POSITIVE_INFINITY;
                ratio = d == 0 ? 0 : Double.POSITIVE_INFINITY;
            } else {
                d = Math.abs(g - r);
                double bound = atol + rtol * Math.abs(r);
                ratio = d == 0 ? 0 : bound == 0 ? Double.POSITIVE_INFINITY : d / bound;
                if (r != 0) maxRel = Math.max(maxRel, d / Math.abs(r));
            }
            if (ratio > 1) bad++;
            if (d > maxAbs) maxAbs = d;
            if (ratio > worst || worstIndex < 0) {
                worst = ratio;
                worstIndex = i;
            }
        }
        return new ErrorStats(maxAbs, maxRel, worst, worstIndex, worstIndex < 0 ? 0 : got[worstIndex],
                worstIndex < 0 ? 0 : ref[worstIndex], bad);
    }

    /** "atol 1.2e-4, rtol 0" with short numbers. */
    public String describe() { return "atol " + Numbers.sci(atol) + ", rtol " + Numbers.sci(rtol); }
}
