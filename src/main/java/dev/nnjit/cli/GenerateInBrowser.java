package dev.nnjit.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.nnjit.generate.GenerationConfig;
import dev.nnjit.generate.GenerationException;
import dev.nnjit.generate.GenerationResult;
import dev.nnjit.generate.StopReason;
import dev.nnjit.host.BrowserRunner;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code nnjit generate --backend webgpu|webgpu-js|browser...}: the same generation loop run by the TeaVM-compiled
 * engine in headless Chromium ({@link BrowserRunner#generate}). The configuration is resolved here, as for the cpu
 * backend, and sent as explicit values (config.json's text goes too, for the context length). Ids are printed when
 * the page is done (the page streams them to its own callback, not across to this process).
 */
final class GenerateInBrowser {
    private GenerateInBrowser() {}

    static GenerationResult generate(Path modelFile, String backend, Path chromium, String configJson,
                                     GenerationConfig config, long[] inputIds) {
        if (!config.stopStrings().isEmpty()) {
            throw new GenerationException("stop strings are not passed to browser backends by the command line yet;"
                    + " use --backend cpu");
        }
        JsonObject request = new JsonObject();
        JsonArray ids = new JsonArray();
        for (long id : inputIds) ids.add(id);
        request.add("inputIds", ids);
        if (configJson != null) request.addProperty("config", configJson);
        request.addProperty("maxNewTokens", config.maxNewTokens());
        request.addProperty("doSample", config.doSample());
        request.addProperty("temperature", config.temperature());
        request.addProperty("topK", config.topK());
        request.addProperty("topP", config.topP());
        if (config.seed() != null) request.addProperty("seed", config.seed().toString());
        request.addProperty("repetitionPenalty", config.repetitionPenalty());
        JsonArray eos = new JsonArray();
        for (long id : config.eosTokenIds()) eos.add(id);
        request.add("eosTokenId", eos);
        if (config.decoderStartTokenId() != null) request.addProperty("decoderStartTokenId", config.decoderStartTokenId());
        try (BrowserRunner runner = BrowserRunner.start(chromium)) {
            JsonObject r = runner.generate(modelFile, backend, request);
            JsonArray out = r.getAsJsonArray("ids");
            long[] generated = new long[out.size()];
            int i = 0;
            for (JsonElement e : out) generated[i++] = e.getAsLong();
            JsonArray stepsJson = r.getAsJsonArray("stepMs");
            double[] steps = new double[stepsJson.size()];
            for (int k = 0; k < steps.length; k++) steps[k] = stepsJson.get(k).getAsDouble();
            return new GenerationResult(generated, StopReason.valueOf(r.get("stopReason").getAsString()
                    .toUpperCase(Locale.ROOT)), r.get("prefillMs").getAsDouble(), r.get("decodeMsPerToken").getAsDouble(),
                    r.get("tokensPerSecond").getAsDouble(), r.get("compiledShapes").getAsInt(),
                    r.get("lengths").getAsString(), steps);
        }
    }
}
