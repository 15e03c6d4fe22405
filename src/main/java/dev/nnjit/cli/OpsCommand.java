package dev.nnjit.cli;

import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.OpRegistry;
import java.util.List;

/** {@code nnjit ops}: the supported ONNX ops, one a line, each with the lowest opset implemented. */
final class OpsCommand implements Command {
    @Override public String name() { return "ops"; }

    @Override public String usage() { return "  nnjit ops"; }

    @Override public String summary() {
        return "Lists the supported ONNX ops and the lowest opset implemented for each.";
    }

    @Override public int run(List<String> args, CommandIo io) {
        if (!args.isEmpty()) throw new UsageException("ops takes no arguments (got '" + args.get(0) + "')");
        OpRegistry registry = OpRegistry.defaults();
        for (String name : registry.names()) {
            int dot = name.lastIndexOf('.');
            String domain = dot < 0 ? "" : name.substring(0, dot);
            OpDef d = registry.find(domain, dot < 0 ? name : name.substring(dot + 1));
            io.out().println(name + "\topset " + d.minOpset() + "+");
        }
        return Main.OK;
    }
}
