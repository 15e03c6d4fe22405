package dev.nnjit.cli;

import dev.nnjit.api.Session;
import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Value;
import dev.nnjit.model.jvm.ModelFiles;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.passes.PassPipeline;
import dev.nnjit.runtime.webgpu.GpuProgram;
import dev.nnjit.runtime.webgpu.GraphLowering;
import dev.nnjit.runtime.webgpu.LoweringTable;
import dev.nnjit.runtime.webgpu.StepLog;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import dev.nnjit.tune.AdapterKey;
import dev.nnjit.tune.CachedScheduleChooser;
import dev.nnjit.tune.DecisionSource;
import dev.nnjit.tune.LayeredTuningCache;
import dev.nnjit.tune.MemoryTuningCache;
import dev.nnjit.tune.ScheduleChooser;
import dev.nnjit.tune.TuningJson;
import dev.nnjit.tune.TuningRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code nnjit kernels}: the debug ladder's "why did this kernel get this config?". Lowers the model for WebGPU on
 * the JVM (no browser: the feeds give the shapes, an {@link AdapterPreset} the limits) exactly as the page compiles
 * it (standard passes, GPU fusions, the lowering table) and prints every GPU step ({@link StepLog}'s rows) as a
 * Markdown table; with {@code --cache} (and {@code --shipped}) the schedules come from a {@link CachedScheduleChooser}
 * over those files' records, for the adapter the records name; {@code --wgsl} (or NNJIT_DEBUG=4) adds each distinct
 * kernel's WGSL.
 */
final class KernelsCommand implements Command {
    static final String USAGE = "  nnjit kernels MODEL.onnx --inputs FEEDS.json [--wgsl] [--cache FILE] [--shipped FILE]\n"
            + "                [--adapter swiftshader|spec-min] [--verbose]";

    static final String HELP = String.join("\n",
            "kernels  Lowers MODEL.onnx for WebGPU on the JVM (no browser; FEEDS.json gives the input shapes) and",
            "       lists every GPU step: index, node, op, site family, problem key, chosen config key, candidate",
            "       count and where the config came from: default (candidate 0), cache or shipped.",
            "       --adapter swiftshader  plan against the limits of Chromium's SwiftShader adapter (default)",
            "       --adapter spec-min     plan against the WebGPU spec's minimum limits",
            "       --cache FILE    choose schedules from these tuning records (written by nnjit tune --cache),",
            "                       for the adapter the file names; a stale record (candidate set or generator",
            "                       changed) is ignored and the step shows default",
            "       --shipped FILE  records consulted after --cache, reported as shipped (target/webapp/records/",
            "                       shipped.json)",
            "       --wgsl          also print each distinct kernel's WGSL (also NNJIT_DEBUG=4)");

    @Override public String name() { return "kernels"; }
    @Override public String usage() { return USAGE; }
    @Override public String summary() {
        return "Lists every WebGPU kernel step of the model and why it has its config, on the JVM.";
    }

    @Override public String help() { return HELP; }

    @Override public int run(List<String> args, CommandIo io) {
        KernelsOptions opts = KernelsOptions.parse(args);
        PrintStream out = io.out();
        out.print(listing(opts, opts.wgsl() || io.debugLevel() >= 4));
        out.flush();
        return Main.OK;
    }

    /** The whole listing: a header, the step table, a summary line and, when asked, the kernels' WGSL. */
    static String listing(KernelsOptions opts, boolean wgsl) {
        if (!Files.isRegularFile(opts.model())) throw new CliException("model file not found: " + opts.model());
        Map<String, Tensor> feeds = RunCommand.readFeeds(opts.inputs());
        Chooser chooser = chooser(opts);
        GpuProgram program = lower(opts, feeds, chooser.chooser);

        List<List<String>> rows = StepLog.rows(program, chooser.chooser);
        StringBuilder sb = new StringBuilder();
        sb.append(opts.model().getFileName()).append(": ").append(rows.size()).append(" GPU steps; limits: ")
                .append(opts.adapter().id).append("; schedules: ").append(chooser.description).append("\n\n");
        sb.append(markdown(StepLog.COLUMNS, rows));
        Map<String, Integer> bySource = new TreeMap<>();
        Map<String, Boolean> workloads = new TreeMap<>();
        int tunable = 0;
        for (int i = 0; i < rows.size(); i++) {
            bySource.merge(rows.get(i).get(7), 1, Integer::sum);
            if (program.steps().get(i).site().tunable()
                    && workloads.put(rows.get(i).get(3) + "|" + rows.get(i).get(4), Boolean.TRUE) == null) tunable++;
        }
        Map<String, String> kernels = StepLog.kernels(program);
        sb.append('\n').append(rows.size()).append(" steps, ").append(kernels.size()).append(" distinct kernels, ")
                .append(tunable).append(" tunable workloads; sources: ").append(bySource).append('\n');
        if (wgsl) {
            for (Map.Entry<String, String> k : kernels.entrySet()) {
                sb.append("\n// ---- kernel ").append(k.getKey()).append('\n').append(k.getValue());
                if (!k.getValue().endsWith("\n")) sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** The program the page would compile for these feeds (standard passes, GPU fusions, the default table). */
    static GpuProgram lower(KernelsOptions opts, Map<String, Tensor> feeds, ScheduleChooser chooser) {
        OpRegistry registry = OpRegistry.defaults();
        Session session = Session.create(ModelFiles.load(opts.model()));
        Graph g = session.graph().copy();
        for (Value in : g.inputs()) {
            Tensor t = feeds.get(in.name());
            if (t == null) throw new CliException("feeds have no input '" + in.name() + "' (inputs: " + session.inputs().keySet() + ")");
            in.setType(TensorType.of(t));
        }
        PassPipeline.standard(registry).apply(g);
        PassPipeline.gpu(registry).apply(g);
        return GraphLowering.lower(g, LoweringTable.defaults(), registry, opts.adapter().limits,
                opts.adapter().features, chooser);
    }

    private record Chooser(ScheduleChooser chooser, String description) {}

    private static Chooser chooser(KernelsOptions opts) {
        if (opts.cache() == null && opts.shipped() == null) return new Chooser(ScheduleChooser.DEFAULT, "defaults (no records)");
        List<TuningRecord> local = opts.cache() == null ? List.of() : records(opts.cache());
        List<TuningRecord> shipped = opts.shipped() == null ? List.of() : records(opts.shipped());
        AdapterKey adapter = !local.isEmpty() ? local.get(0).adapter() : !shipped.isEmpty() ? shipped.get(0).adapter() : null;
        if (adapter == null) return new Chooser(ScheduleChooser.DEFAULT, "defaults (the record files hold no records)");
        MemoryTuningCache localCache = new MemoryTuningCache();
        MemoryTuningCache shippedCache = new MemoryTuningCache(DecisionSource.SHIPPED);
        for (TuningRecord r : local) localCache.put(r);
        for (TuningRecord r : shipped) shippedCache.put(r);
        int usable = localCache.records(adapter).size() + shippedCache.records(adapter).size();
        return new Chooser(new CachedScheduleChooser(adapter, new LayeredTuningCache(localCache, shippedCache)),
                "records for adapter " + adapter.id() + " (" + usable + " records)");
    }

    private static List<TuningRecord> records(Path file) {
        try {
            return TuningJson.readRecords(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException("cannot read tuning records " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": " + e.getMessage(), e);
        }
    }

    /** A Markdown table, numeric columns ("#", "candidates") right-aligned. */
    static String markdown(List<String> columns, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder("|");
        for (String c : columns) sb.append(' ').append(c).append(" |");
        sb.append("\n|");
        for (String c : columns) sb.append(c.equals("#") || c.equals("candidates") ? "---:|" : "---|");
        sb.append('\n');
        for (List<String> row : rows) {
            sb.append('|');
            for (String cell : row) sb.append(' ').append(cell.replace("|", "\\|")).append(" |");
            sb.append('\n');
        }
        return sb.toString();
    }
}
