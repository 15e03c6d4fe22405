package dev.nnjit.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * The arguments of {@code nnjit generate MODEL (--prompt TEXT | --input-ids 1,2,3) --max-new-tokens N
 * [--decoder-start-token-id ID] [--backend cpu|webgpu|...] [--chromium PATH] [--sample [--temperature T]
 * [--top-k K] [--top-p P] [--seed S]] [--json] [--timings] [--verbose]} (--timings: per-token time against the
 * sequence length, on stderr). Sampling values left out come from the model's generation_config.json/config.json,
 * then from transformers' defaults; giving one without --sample is a usage error (greedy would ignore it).
 *
 * @param model a .onnx file or a folder holding model.onnx
 * @param prompt null when ids are given
 * @param inputIds null when a prompt is given
 * @param decoderStartTokenId null: from the model's config
 * @param temperature null: from the config (likewise topK, topP, seed)
 */
public record GenerateOptions(Path model, String prompt, long[] inputIds, int maxNewTokens, Long decoderStartTokenId,
                              String backend, boolean sample, Float temperature, Integer topK, Double topP, Long seed,
                              boolean json, boolean verbose, Path chromium, boolean timings) {
    /** Backends generation runs on: the JVM's, and the browser ones {@code nnjit run} has. */
    static final java.util.List<String> BACKENDS = java.util.List.of("cpu", "webgpu", "webgpu-js", "wasm-simd",
            "wasm-simd-js", "browser", "browser-js", "browser-wasm-gc");

    static final String USAGE = "  nnjit generate MODEL (--prompt TEXT | --input-ids 1,2,3) --max-new-tokens N"
            + " [--decoder-start-token-id ID]\n                  [--backend cpu|webgpu|webgpu-js|wasm-simd|browser|...] [--chromium PATH]\n"
            + "                  [--sample [--temperature T] [--top-k K] [--top-p P] [--seed S]] [--json] [--timings]";

    /** Parses the arguments after "generate"; throws {@link UsageException} naming the offending argument. */
    public static GenerateOptions parse(List<String> args) {
        Path model = null;
        String prompt = null, backend = "cpu";
        long[] ids = null;
        Integer maxNew = null, topK = null;
        Long start = null, seed = null;
        Float temperature = null;
        Double topP = null;
        boolean sample = false, json = false, verbose = false, timings = false;
        Path chromium = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--prompt": prompt = Options.next(args, i++, a); break;
                case "--input-ids": ids = idList(a, Options.next(args, i++, a)); break;
                case "--max-new-tokens": maxNew = (int) Options.integer(a, Options.next(args, i++, a), 1, 1_000_000); break;
                case "--decoder-start-token-id": start = Options.integer(a, Options.next(args, i++, a), 0, Integer.MAX_VALUE); break;
                case "--backend": backend = Options.next(args, i++, a); break;
                case "--sample": sample = true; break;
                case "--temperature": temperature = (float) Options.decimal(a, Options.next(args, i++, a)); break;
                case "--top-k": topK = (int) Options.integer(a, Options.next(args, i++, a), 0, Integer.MAX_VALUE); break;
                case "--top-p": topP = Options.decimal(a, Options.next(args, i++, a)); break;
                case "--seed": seed = Options.integer(a, Options.next(args, i++, a), Long.MIN_VALUE, Long.MAX_VALUE); break;
                case "--json": json = true; break;
                case "--verbose": verbose = true; break;
                case "--timings": timings = true; break;
                case "--chromium": chromium = Path.of(Options.next(args, i++, a)); break;
                default:
                    if (a.startsWith("-")) throw new UsageException("generate: unknown option '" + a + "'");
                    if (model != null) throw new UsageException("generate takes one MODEL (got '" + model + "' and '" + a + "')");
                    model = Path.of(a);
            }
        }
        if (model == null) throw new UsageException("generate needs a MODEL (.onnx file or model folder)");
        if ((prompt == null) == (ids == null)) throw new UsageException("generate needs exactly one of --prompt and --input-ids");
        if (maxNew == null) throw new UsageException("generate needs --max-new-tokens N");
        if (!BACKENDS.contains(backend)) {
            throw new UsageException("generate: unknown backend '" + backend + "' (expected one of " + BACKENDS + ")");
        }
        if (!sample && (temperature != null || topK != null || topP != null || seed != null)) {
            throw new UsageException("--temperature, --top-k, --top-p and --seed need --sample (generation is greedy without it)");
        }
        return new GenerateOptions(model, prompt, ids, maxNew, start, backend, sample, temperature, topK, topP, seed,
                json, verbose, chromium, timings);
    }


    private static long[] idList(String option, String text) {
        String[] parts = text.split(",");
        long[] ids = new long[parts.length];
        for (int i = 0; i < parts.length; i++) ids[i] = Options.integer(option, parts[i], 0, Integer.MAX_VALUE);
        if (ids.length == 0) throw new UsageException(option + " needs at least one id");
        return ids;
    }
}
