package dev.nnjit.conformance;

import dev.nnjit.api.Session;
import dev.nnjit.model.Attribute;
import dev.nnjit.model.OnnxGraph;
import dev.nnjit.model.OnnxModel;
import dev.nnjit.model.OnnxNode;
import dev.nnjit.model.ValueInfo;
import dev.nnjit.model.jvm.ModelFiles;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Float16;
import dev.nnjit.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One ONNX backend node test: a directory with model.onnx and test_data_set_N/{input_K.pb, output_K.pb}, each .pb a
 * standalone TensorProto. input_K feeds the K-th graph input that is not an initializer, output_K is the reference
 * for the K-th graph output (the layout onnx/backend/test/runner reads).
 */
final class ConformanceCase {
    private static final Pattern NUMBERED = Pattern.compile("(?:input|output|test_data_set)_(\\d+)(?:\\.pb)?");

    final Path dir;
    final String name;

    ConformanceCase(Path dir) {
        this.dir = dir;
        this.name = dir.getFileName().toString();
    }

    OnnxModel load() {
        return ModelFiles.load(dir.resolve("model.onnx"));
    }

    /** The ops the graph uses (subgraphs included) that nnjit does not support, as "domain.Op@opset", sorted. */
    static List<String> unsupportedOps(OnnxModel model, OpRegistry registry) {
        Set<String> missing = new TreeSet<>();
        collectUnsupported(model.graph(), model.opsetImports(), registry, missing);
        return new ArrayList<>(missing);
    }

    private static void collectUnsupported(OnnxGraph g, Map<String, Integer> opsets, OpRegistry registry,
                                           Set<String> missing) {
        for (OnnxNode n : g.nodes()) {
            Integer opset = opsets.get(n.domain());
            if (opset == null || !registry.supports(n.domain(), n.opType(), opset)) {
                missing.add((n.domain().isEmpty() ? "" : n.domain() + ".") + n.opType() + "@" + opset);
            }
            for (Attribute a : n.attributes().values()) {
                if (a.type() == Attribute.Type.GRAPH) collectUnsupported(a.graphValue(), opsets, registry, missing);
            }
        }
    }

    /**
     * Runs every data set through one session and compares each output.
     *
     * @return null when all match, else the mismatches, one per line, prefixed by their data set
     */
    String runAndCompare(OnnxModel model) {
        Session session = Session.create(model);
        List<String> inputNames = new ArrayList<>(session.inputs().keySet());
        List<String> outputNames = new ArrayList<>(session.outputs().keySet());
        List<ValueInfo> declaredOutputs = model.graph().outputs();
        List<Path> sets = numbered(dir, "test_data_set_");
        if (sets.isEmpty()) throw new IllegalStateException(name + ": no test_data_set_* directory");
        StringBuilder problems = new StringBuilder();
        for (Path set : sets) {
            List<Path> inputs = numbered(set, "input_");
            List<Path> outputs = numbered(set, "output_");
            if (inputs.size() != inputNames.size()) {
                throw new IllegalStateException(set.getFileName() + " has " + inputs.size() + " inputs, the graph has "
                        + inputNames.size() + " " + inputNames);
            }
            if (outputs.size() != outputNames.size()) {
                throw new IllegalStateException(set.getFileName() + " has " + outputs.size() + " outputs, the graph has "
                        + outputNames.size() + " " + outputNames);
            }
            Map<String, Tensor> feeds = new LinkedHashMap<>();
            for (int k = 0; k < inputs.size(); k++) {
                String in = inputNames.get(k);
                feeds.put(in, asDeclared(readTensor(inputs.get(k)), session.inputs().get(in).dtype()));
            }
            Map<String, Tensor> actual = session.run(feeds);
            for (int k = 0; k < outputs.size(); k++) {
                String out = outputNames.get(k);
                Tensor expected = asDeclared(readTensor(outputs.get(k)), declaredOutputs.get(k).dtype());
                String diff = TensorComparison.compare("output '" + out + "'", expected, actual.get(out),
                        TensorComparison.ONNX_RTOL, TensorComparison.ONNX_ATOL);
                if (diff != null) problems.append(set.getFileName()).append(": ").append(diff).append('\n');
            }
        }
        return problems.length() == 0 ? null : problems.toString().strip();
    }

    /** A standalone TensorProto file; its own name is ignored (positions decide, as in ONNX's runner). */
    static Tensor readTensor(Path pb) {
        return ModelFiles.loadTensor(pb).tensor();
    }

    /**
     * ONNX 1.12's test data stores bfloat16 tensors as uint16 bit patterns (numpy has no bfloat16; e.g.
     * test_cast_FLOAT_to_BFLOAT16/output_0.pb is a UINT16 TensorProto while the graph output is BFLOAT16). Such a
     * tensor is reinterpreted as the bfloat16 values its bits encode, exactly; anything else is returned as it is.
     */
    static Tensor asDeclared(Tensor t, DType declared) {
        if (declared != DType.BFLOAT16 || t.dtype() != DType.UINT16) return t;
        long[] bits = t.longs();
        float[] v = new float[bits.length];
        for (int i = 0; i < v.length; i++) v[i] = Float16.bfloat16ToFloat((int) bits[i]);
        return Tensor.ofFloats(DType.BFLOAT16, t.shape(), v);
    }

    /** Entries of {@code dir} named PREFIX + number (optionally ".pb"), ordered by that number. */
    static List<Path> numbered(Path dir, String prefix) {
        List<Path> r = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().startsWith(prefix)
                            && NUMBERED.matcher(p.getFileName().toString()).matches())
                    .forEach(r::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        r.sort((a, b) -> Integer.compare(number(a), number(b)));
        return r;
    }

    private static int number(Path p) {
        Matcher m = NUMBERED.matcher(p.getFileName().toString());
        if (!m.matches()) throw new IllegalArgumentException(p.toString());
        return Integer.parseInt(m.group(1));
    }
}
