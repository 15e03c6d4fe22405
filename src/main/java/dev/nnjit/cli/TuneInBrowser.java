package dev.nnjit.cli;

import dev.nnjit.tensor.Tensor;
import java.util.Map;

/** {@code nnjit tune}'s session in headless Chromium, through {@code BrowserRunner.tune}. */
final class TuneInBrowser {
    private TuneInBrowser() {}

    static TuneCommand.Outcome tune(TuneOptions opts, Map<String, Tensor> feeds, String recordsJson) {
        throw new CliException("tuning in the page needs the engine's tuner (BrowserRunner.tune), not in this build yet");
    }
}
