package dev.nnjit.cli;

import dev.nnjit.api.Session;
import dev.nnjit.generate.GenerationConfig;
import dev.nnjit.generate.GenerationResult;
import dev.nnjit.generate.ModelConfig;
import dev.nnjit.generate.SessionGenerator;
import dev.nnjit.generate.TextDecoder;
import dev.nnjit.generate.TokenStreamer;
import dev.nnjit.json.Json;
import dev.nnjit.json.JsonObject;
import dev.nnjit.model.jvm.ModelFiles;
import dev.nnjit.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code nnjit generate}: text generation with the adapters of {@code dev.nnjit.generate} (cache-less or with a KV
 * cache, as the model's inputs say), in the JVM (cpu) or in headless Chromium ({@link GenerateInBrowser}: webgpu,
 * webgpu-js, wasm-simd, browser, browser-js, browser-wasm-gc). The ONNX files of a folder are found as
 * {@link GenerationFiles} says. The model folder (MODEL itself, or the folder of MODEL.onnx) may hold config.json, generation_config.json and
 * tokenizer.json; the test fixtures' meta.json, whose "config" is the model's config.json, stands in for config.json.
 * Output: the generated ids on one line (as they come on cpu) (and the decoded text on the next when there is a tokenizer), the
 * timings on stderr; with --json one document {"ids", "text", "prefillMs", "decodeMsPerToken", "tokensPerSecond",
 * "compiledShapes", "lengths"}.
 */
final class GenerateCommand implements Command {
    @Override public String name() { return "generate"; }
    @Override public String usage() { return GenerateOptions.USAGE; }
    @Override public String summary() {
        return "Generates tokens with a decoder-only or encoder-decoder ONNX model (greedy, or seeded sampling\n"
                + "with --sample); without an EOS id it produces exactly N tokens.";
    }

    @Override public int run(List<String> args, CommandIo io) {
        execute(GenerateOptions.parse(args), io.out(), io.err());
        return Main.OK;
    }

    private static void execute(GenerateOptions opts, PrintStream out, PrintStream err) {
        GenerationFiles files = GenerationFiles.of(opts.model());
        Path modelFile = files.model();
        Path folder = files.folder();
        String configJson = read(folder.resolve("config.json"));
        String configName = "config.json";
        if (configJson == null) {
            String meta = read(folder.resolve("meta.json"));
            JsonObject config = meta == null ? null : JsonObject.root(Json.parse(meta), "meta.json").objectOrNull("config");
            if (config != null) {
                configJson = Json.write(config.fields());
                configName = "meta.json config";
            }
        }
        ModelConfig modelConfig = ModelConfig.fromJson(configJson, configName);
        GenerationConfig config = GenerationConfig.fromJson(configJson, read(folder.resolve("generation_config.json")))
                .withMaxNewTokens(opts.maxNewTokens());
        if (opts.sample()) {
            config = config.withSampling(opts.temperature() != null ? opts.temperature() : config.temperature(),
                    opts.topK() != null ? opts.topK() : config.topK(), opts.topP() != null ? opts.topP() : config.topP(),
                    opts.seed());
        } else {
            config = config.withGreedy();
        }
        if (opts.decoderStartTokenId() != null) config = config.withDecoderStartTokenId(opts.decoderStartTokenId());

        String tokenizerJson = read(folder.resolve("tokenizer.json"));
        Tokenizer tokenizer = tokenizerJson == null ? null : Tokenizer.fromJson(tokenizerJson);
        long[] inputIds = opts.inputIds();
        if (opts.prompt() != null) {
            if (tokenizer == null) {
                throw new IllegalArgumentException("--prompt needs a tokenizer.json next to the model (none in " + folder
                        + "); give the ids with --input-ids");
            }
            int[] ids = tokenizer.encode(opts.prompt()).ids();
            inputIds = new long[ids.length];
            for (int i = 0; i < ids.length; i++) inputIds[i] = ids[i];
        }
        TextDecoder decoder = tokenizer == null ? null : ids -> tokenizer.decode(toInts(ids), true);

        TokenStreamer streamer = opts.json() ? TokenStreamer.NONE : (id, index) -> {
            out.print((index == 0 ? "" : " ") + id);
            out.flush();
            return true;
        };
        GenerationResult r;
        if (files.split()) {
            if (!opts.backend().equals("cpu")) {
                throw new IllegalArgumentException("an encoder-decoder split into encoder_model.onnx and decoder graphs"
                        + " generates on --backend cpu only so far; export it as one graph (model.onnx) for the"
                        + " browser backends");
            }
            r = SessionGenerator.generate(Session.create(ModelFiles.load(files.encoder())),
                    Session.create(ModelFiles.load(files.decoder())),
                    files.decoderWithPast() == null ? null : Session.create(ModelFiles.load(files.decoderWithPast())),
                    modelConfig, inputIds, config, null, streamer, decoder);
        } else if (opts.backend().equals("cpu")) {
            Session session = Session.create(ModelFiles.load(modelFile));
            r = SessionGenerator.generate(session, modelConfig, inputIds, config, null, streamer, decoder);
        } else {
            r = GenerateInBrowser.generate(modelFile, opts.backend(), opts.chromium(), configJson, config, inputIds);
            for (int i = 0; i < r.ids().length; i++) streamer.onToken(r.ids()[i], i);
        }
        String text = decoder == null ? null : decoder.decode(r.ids());
        if (opts.json()) {
            List<Object> ids = new ArrayList<>();
            for (long id : r.ids()) ids.add(id);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("ids", ids);
            doc.put("text", text);
            doc.put("prefillMs", r.prefillMs());
            doc.put("decodeMsPerToken", r.decodeMsPerToken());
            doc.put("tokensPerSecond", r.tokensPerSecond());
            doc.put("compiledShapes", r.compiledShapes());
            doc.put("lengths", r.lengths());
            List<Object> steps = new ArrayList<>();
            for (double ms : r.stepMs()) steps.add(ms);
            doc.put("stepMs", steps);
            out.println(Json.write(doc));
        } else {
            out.println();
            if (text != null) out.println(text);
            err.printf("%d tokens (%s): prefill %.1f ms, %.1f ms/token after, %.1f tokens/s, %d compiled shapes"
                    + " (lengths: %s)%n", r.ids().length, r.stopReason().name().toLowerCase(java.util.Locale.ROOT),
                    r.prefillMs(), r.decodeMsPerToken(), r.tokensPerSecond(), r.compiledShapes(), r.lengths());
        }
        if (opts.timings()) {
            err.print(DecodeTable.of(r, modelConfig.encoderDecoder() ? 1 : inputIds.length));
        }
        out.flush();
    }

    private static int[] toInts(long[] ids) {
        int[] a = new int[ids.length];
        for (int i = 0; i < a.length; i++) a[i] = (int) ids[i];
        return a;
    }

    /** The file's text, or null when it does not exist. */
    private static String read(Path p) {
        if (!Files.isRegularFile(p)) return null;
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
