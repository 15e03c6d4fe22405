package dev.nnjit.model.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nnjit.model.ModelFormatException;
import dev.nnjit.model.NamedTensor;
import dev.nnjit.model.OnnxModel;
import dev.nnjit.model.OnnxModelReader;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Every model and tensor file of the ONNX conformance data (Debian libonnx-testdata 1.12.0, when installed) against
 * a summary made by the official onnx Python package ({@code make_conformance_reference.py} next to the reference):
 * model structure counts, and per tensor file its name, dtype, dims and a position-weighted checksum of the values.
 * Files whose dtype or opset nnjit does not support must fail with the error that says so.
 */
class ConformanceDataTest {
    static final Path ROOT = Path.of("/usr/share/libonnx-testdata/data");

    @Test void modelsAndTensorFilesMatchTheOnnxReference() throws Exception {
        assumeTrue(Files.isDirectory(ROOT), "libonnx-testdata is not installed");
        List<String> problems = new ArrayList<>();
        int models = 0, modelsLoaded = 0, tensors = 0, tensorsLoaded = 0;
        for (String line : referenceLines()) {
            String[] f = line.split("\t", -1);
            if (f[0].equals("M")) {
                models++;
                if (checkModel(f, problems)) modelsLoaded++;
            } else {
                tensors++;
                if (checkTensor(f, problems)) tensorsLoaded++;
            }
        }
        System.out.println("conformance data: " + modelsLoaded + "/" + models + " models and " + tensorsLoaded + "/"
                + tensors + " tensor files loaded; the rest refused with the expected error");
        assertTrue(problems.isEmpty(), problems.size() + " mismatches, first: "
                + problems.subList(0, Math.min(20, problems.size())));
        assertEquals(1072, models);
        assertTrue(tensors > 3000);
    }

    /** Returns true when the model loaded (and matched). */
    private static boolean checkModel(String[] f, List<String> problems) {
        String where = f[1];
        int opset = Integer.parseInt(f[3]);
        OnnxModel m;
        try {
            m = ModelFiles.load(ROOT.resolve(where).resolve("model.onnx"));
        } catch (ModelFormatException e) {
            String msg = e.getMessage();
            boolean opsetRefused = opset >= 0 && (opset < OnnxModelReader.MIN_DEFAULT_OPSET
                    || opset > OnnxModelReader.MAX_DEFAULT_OPSET);
            boolean expected = opsetRefused ? msg.contains("nnjit supports opsets")
                    : opset < 0 ? msg.contains("no opset_import")
                    : msg.contains("unsupported dtype") || msg.contains("nnjit supports only tensors")
                      || msg.contains("which nnjit does not support") || msg.contains("sparse");
            if (!expected) problems.add(where + ": " + msg);
            return false;
        }
        String got = m.irVersion() + "\t" + m.defaultOpset() + "\t" + m.graph().nodes().size() + "\t"
                + m.graph().initializers().size() + "\t" + m.graph().inputs().size() + "\t" + m.graph().outputs().size();
        String want = String.join("\t", Arrays.copyOfRange(f, 2, 8));
        if (!got.equals(want)) problems.add(where + ": got " + got + ", onnx says " + want);
        return true;
    }

    private static boolean checkTensor(String[] f, List<String> problems) {
        String where = f[1];
        int code = Integer.parseInt(f[3]);
        DType dtype = DType.fromOnnx(code);
        NamedTensor nt;
        try {
            nt = ModelFiles.loadTensor(ROOT.resolve(where));
        } catch (ModelFormatException e) {
            if (dtype != null && dtype.isSupported() || !e.getMessage().contains("unsupported dtype")) {
                problems.add(where + ": " + e.getMessage());
            }
            return false;
        }
        if (dtype == null || !dtype.isSupported()) {
            problems.add(where + ": loaded a tensor of unsupported ONNX dtype " + code);
            return true;
        }
        Tensor t = nt.tensor();
        String dims = f[4].isEmpty() ? "" : f[4];
        StringBuilder gotDims = new StringBuilder();
        for (int i = 0; i < t.rank(); i++) gotDims.append(i == 0 ? "" : ",").append(t.dim(i));
        if (!nt.name().equals(f[2]) || t.dtype() != dtype || !gotDims.toString().equals(dims)) {
            problems.add(where + ": got " + nt.name() + " " + t.describe() + ", onnx says " + f[2] + " " + code + " ["
                    + dims + "]");
            return true;
        }
        double sum = 0, absSum = 0;
        int nonFinite = 0;
        for (int i = 0; i < t.size(); i++) {
            double v = t.getDouble(i);
            if (!Double.isFinite(v)) {
                nonFinite++;
                continue;
            }
            double w = v * (i % 7 + 1);
            sum += w;
            absSum += Math.abs(w);
        }
        double wantSum = Double.parseDouble(f[5]);
        double wantAbs = Double.parseDouble(f[6]);
        int wantNonFinite = Integer.parseInt(f[7]);
        // Values are decoded exactly; only the summation order differs from numpy's pairwise sum.
        double tol = 1e-9 * Math.max(wantAbs, 1e-300);
        if (nonFinite != wantNonFinite || Math.abs(sum - wantSum) > tol || Math.abs(absSum - wantAbs) > tol) {
            problems.add(where + ": checksum " + sum + "/" + absSum + "/" + nonFinite + ", onnx says " + wantSum + "/"
                    + wantAbs + "/" + wantNonFinite);
        }
        return true;
    }

    private static List<String> referenceLines() throws Exception {
        List<String> lines = new ArrayList<>();
        try (InputStream in = ConformanceDataTest.class.getResourceAsStream(
                "/dev/nnjit/model/conformance-reference.tsv.gz")) {
            assertNotNull(in, "conformance reference missing");
            BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) if (!line.isEmpty()) lines.add(line);
        }
        return lines;
    }
}
