package dev.nnjit.cli;

import com.google.gson.GsonBuilder;
import dev.nnjit.model.jvm.ModelFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code nnjit info MODEL.onnx [--json]}: what a caller needs to know before running a model (its inputs and outputs
 * with dtypes and symbolic dims, opsets, op counts, parameter count and bytes), as text or as one JSON document.
 */
final class InfoCommand implements Command {
    @Override public String name() { return "info"; }

    @Override public String usage() { return "  nnjit info MODEL.onnx [--json] [--verbose]"; }

    @Override public String summary() {
        return "Describes a model: inputs and outputs (dtypes, symbolic dims), opsets, op counts, parameters.";
    }

    @Override public String help() {
        return String.join("\n",
                "info   Reads MODEL.onnx (and its external data files) and prints its inputs and outputs with dtypes",
                "       and shapes (symbolic dims by name: give them to 'run --random-feeds' with --dim NAME=VALUE),",
                "       the opsets it imports, its node count and op counts (subgraphs included), and its parameters",
                "       (initializer elements and bytes).",
                "       --json  one JSON document: {model, irVersion, producer, opsets: {DOMAIN: VERSION},",
                "               inputs: [{name, dtype, shape: [1, \"batch\", ...]}], outputs: [...], nodes,",
                "               ops: {OP: COUNT}, initializers, parameters, parameterBytes}");
    }

    @Override public int run(List<String> args, CommandIo io) {
        Path model = null;
        boolean json = false;
        for (String a : args) {
            if (a.equals("--json")) json = true;
            else if (a.equals("--verbose")) continue;
            else if (a.startsWith("-") && a.length() > 1) throw new UsageException("unknown option '" + a + "' for info");
            else if (model != null) throw new UsageException("unexpected argument '" + a + "': info takes one MODEL.onnx");
            else model = Path.of(a);
        }
        if (model == null) throw new UsageException("info needs a MODEL.onnx");
        RunCommand.requireFile(model, "model");
        ModelInfo info = ModelInfo.of(ModelFiles.load(model));
        io.out().print(json ? json(model, info) : text(model, info));
        io.out().flush();
        return Main.OK;
    }

    static String json(Path model, ModelInfo info) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", model.toString());
        doc.put("irVersion", info.irVersion());
        doc.put("producer", info.producer());
        doc.put("opsets", info.opsets());
        doc.put("inputs", ports(info.inputs()));
        doc.put("outputs", ports(info.outputs()));
        doc.put("nodes", info.nodes());
        doc.put("ops", info.ops());
        doc.put("initializers", info.initializers());
        doc.put("parameters", info.parameters());
        doc.put("parameterBytes", info.parameterBytes());
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(doc) + "\n";
    }

    private static List<Map<String, Object>> ports(List<ModelInfo.Port> ports) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ModelInfo.Port p : ports) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("dtype", p.dtype());
            m.put("shape", p.dims());
            out.add(m);
        }
        return out;
    }

    static String text(Path model, ModelInfo info) {
        StringBuilder b = new StringBuilder();
        b.append("model       ").append(model).append(" (IR ").append(info.irVersion())
                .append(info.producer().isEmpty() ? "" : ", from " + info.producer()).append(")\n");
        List<String> opsets = new ArrayList<>();
        info.opsets().forEach((domain, v) -> opsets.add(domain + " " + v));
        b.append("opsets      ").append(String.join(", ", opsets)).append('\n');
        ports(b, "inputs", info.inputs());
        ports(b, "outputs", info.outputs());
        b.append(String.format(Locale.ROOT, "parameters  %,d in %d initializers, %s%n", info.parameters(),
                info.initializers(), bytes(info.parameterBytes())));
        b.append("nodes       ").append(info.nodes()).append('\n');
        b.append("ops");
        int width = 0;
        for (String op : info.ops().keySet()) width = Math.max(width, op.length());
        String pad = "         ";
        for (Map.Entry<String, Integer> e : info.ops().entrySet()) {
            b.append(pad).append(String.format(Locale.ROOT, "%-" + width + "s %6d%n", e.getKey(), e.getValue()));
            pad = "            ";
        }
        if (info.ops().isEmpty()) b.append('\n');
        return b.toString();
    }

    private static void ports(StringBuilder b, String label, List<ModelInfo.Port> ports) {
        int width = 0;
        for (ModelInfo.Port p : ports) width = Math.max(width, p.name().length());
        String head = String.format(Locale.ROOT, "%-12s", label);
        if (ports.isEmpty()) b.append(head).append("(none)\n");
        for (ModelInfo.Port p : ports) {
            b.append(head).append(String.format(Locale.ROOT, "%-" + width + "s  %-8s %s%n", p.name(),
                    p.dtype() == null ? "?" : p.dtype(), p.dims() == null ? "[?...]" : p.dims().toString()));
            head = "            ";
        }
    }

    /** 12345678 -> "12.3 MB (12,345,678 bytes)". */
    static String bytes(long n) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB"};
        double v = n;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) { v /= 1000; u++; }
        return u == 0 ? String.format(Locale.ROOT, "%,d bytes", n)
                : String.format(Locale.ROOT, "%.1f %s (%,d bytes)", v, units[u], n);
    }
}
