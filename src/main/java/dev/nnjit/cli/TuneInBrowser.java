package dev.nnjit.cli;

import dev.nnjit.host.BrowserRunner;
import dev.nnjit.tensor.Tensor;
import java.time.Duration;
import java.util.Map;

/** {@code nnjit tune}'s session in headless Chromium on WebGPU (SwiftShader here), through {@link BrowserRunner#tune}. */
final class TuneInBrowser {
    private TuneInBrowser() {}

    static TuneCommand.Outcome tune(TuneOptions opts, Map<String, Tensor> feeds, String recordsJson) {
        try (BrowserRunner runner = BrowserRunner.start(opts.chromium(), dev.nnjit.host.BenchRunner.defaultWebapp(),
                Duration.ofSeconds(opts.timeoutSeconds()))) {
            BrowserRunner.TuneResult r = runner.tune(opts.model(), feeds, opts.backend(), opts.budgetMs(), recordsJson);
            return new TuneCommand.Outcome(r.report(), r.records(), r.untunedRunMs(), r.tunedRunMs());
        }
    }
}
