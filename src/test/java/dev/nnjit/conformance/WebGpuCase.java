package dev.nnjit.conformance;

import dev.nnjit.model.OnnxModel;
import dev.nnjit.model.ValueInfo;
import dev.nnjit.model.jvm.ModelFiles;
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

/**
 * One ONNX node test prepared for the webgpu backend: per data set, the model file to load (the test's model with
 * its compile-time operands frozen, see {@link ShapeInputs}), the run-time feeds and the reference outputs.
 * Model files are written into one work folder as {@code <test>__<set>.onnx}, so a browser serves them all from
 * one mount.
 */
final class WebGpuCase {
    /** One data set: the model to run, its feeds, and the expected outputs by graph output name (graph order). */
    record DataSet(String name, Path model, Map<String, Tensor> feeds, Map<String, Tensor> expected,
                   Set<String> frozen) {}

    final String name;
    final List<DataSet> sets;

    private WebGpuCase(String name, List<DataSet> sets) {
        this.name = name;
        this.sets = sets;
    }

    static WebGpuCase prepare(ConformanceCase c, OnnxModel model, Path workDir) {
        List<String> inputNames = new ArrayList<>();
        for (ValueInfo v : model.graph().inputs()) {
            if (!model.graph().initializers().containsKey(v.name())) inputNames.add(v.name());
        }
        List<ValueInfo> outputs = model.graph().outputs();
        Set<String> frozen = ShapeInputs.toFreeze(model);
        List<DataSet> sets = new ArrayList<>();
        List<Path> dirs = ConformanceCase.numbered(c.dir, "test_data_set_");
        if (dirs.isEmpty()) throw new IllegalStateException(c.name + ": no test_data_set_* directory");
        try {
            Files.createDirectories(workDir);
            byte[] original = Files.readAllBytes(c.dir.resolve("model.onnx"));
            for (Path set : dirs) {
                List<Path> ins = ConformanceCase.numbered(set, "input_");
                List<Path> outs = ConformanceCase.numbered(set, "output_");
                if (ins.size() != inputNames.size() || outs.size() != outputs.size()) {
                    throw new IllegalStateException(c.name + "/" + set.getFileName() + ": " + ins.size() + " inputs and "
                            + outs.size() + " outputs for a graph with " + inputNames + " and " + outputs.size()
                            + " outputs");
                }
                Map<String, Tensor> feeds = new LinkedHashMap<>();
                Map<String, byte[]> frozenBytes = new LinkedHashMap<>();
                for (int k = 0; k < ins.size(); k++) {
                    String in = inputNames.get(k);
                    if (frozen.contains(in)) {
                        frozenBytes.put(in, Files.readAllBytes(ins.get(k)));
                    } else {
                        ValueInfo vi = model.graph().inputs().stream().filter(v -> v.name().equals(in)).findFirst()
                                .orElseThrow();
                        feeds.put(in, ConformanceCase.asDeclared(ConformanceCase.readTensor(ins.get(k)), vi.dtype()));
                    }
                }
                Map<String, Tensor> expected = new LinkedHashMap<>();
                for (int k = 0; k < outs.size(); k++) {
                    expected.put(outputs.get(k).name(),
                            ConformanceCase.asDeclared(ConformanceCase.readTensor(outs.get(k)), outputs.get(k).dtype()));
                }
                Path file = workDir.resolve(c.name + "__" + set.getFileName() + ".onnx");
                Files.write(file, frozenBytes.isEmpty() ? original : ShapeInputs.freeze(original, frozenBytes));
                sets.add(new DataSet(set.getFileName().toString(), file, feeds, expected, frozen));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("preparing " + c.name, e);
        }
        return new WebGpuCase(c.name, sets);
    }

    /** The data set's model, as the webgpu backend will see it. */
    static OnnxModel load(DataSet s) { return ModelFiles.load(s.model()); }
}
