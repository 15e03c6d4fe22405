package dev.nnjit.tune.measure;

import dev.nnjit.tune.TuneClock;
import org.teavm.jso.JSBody;

/** The tuner's clock in a page: {@code performance.now()} (monotonic) and {@code Date.now()} (record stamps). */
public final class BrowserClock implements TuneClock {
    public static final BrowserClock INSTANCE = new BrowserClock();

    private BrowserClock() {}

    @Override public double nowMs() { return performanceNow(); }

    @Override public long epochMs() { return (long) dateNow(); }

    @JSBody(script = "return performance.now();")
    private static native double performanceNow();

    @JSBody(script = "return Date.now();")
    private static native double dateNow();
}
