package dev.nnjit.tune;

/** Short number formatting without String.format (not available under TeaVM). */
final class Numbers {
    private Numbers() {}

    /** Three significant digits in scientific form: 1.23e-4; "0" for zero. */
    static String sci(double v) {
        if (v == 0) return "0";
        if (Double.isNaN(v) || Double.isInfinite(v)) return Double.toString(v);
        int exp = (int) Math.floor(Math.log10(Math.abs(v)));
        double mant = v / Math.pow(10, exp);
        long scaled = Math.round(mant * 100);
        if (Math.abs(scaled) >= 1000) {
            exp++;
            scaled = Math.round(v / Math.pow(10, exp) * 100);
        }
        String sign = scaled < 0 ? "-" : "";
        long a = Math.abs(scaled);
        return sign + (a / 100) + "." + pad2(a % 100) + "e" + exp;
    }

    private static String pad2(long v) { return v < 10 ? "0" + v : Long.toString(v); }
}
