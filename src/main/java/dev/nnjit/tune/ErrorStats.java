package dev.nnjit.tune;

/**
 * How one kernel output compares with the reference under a {@link Tolerance}.
 *
 * @param maxAbs largest |got - ref| (infinite when a NaN or infinity does not match)
 * @param maxRel largest |got - ref| / |ref| over nonzero reference elements
 * @param worstRatio largest |got - ref| / (atol + rtol |ref|): at most 1 when every element passes
 * @param worstIndex the flat index of that element; {@code worstGot}, {@code worstRef} its values
 * @param failing how many elements exceed the tolerance
 */
public record ErrorStats(double maxAbs, double maxRel, double worstRatio, int worstIndex, float worstGot,
                         float worstRef, int failing) {
    public boolean pass() { return failing == 0; }
}
