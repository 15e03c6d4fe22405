package dev.nnjit.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The arguments of {@code nnjit kernels MODEL.onnx --inputs FEEDS.json [--wgsl] [--cache FILE] [--shipped FILE]
 * [--adapter swiftshader|spec-min] [--verbose]}.
 *
 * @param cache tuning records the chooser consults as this device's cache (null: none)
 * @param shipped tuning records consulted after {@code cache}, reported as "shipped" (null: none)
 */
record KernelsOptions(Path model, Path inputs, boolean wgsl, Path cache, Path shipped, AdapterPreset adapter,
                      boolean verbose) {

    static KernelsOptions parse(List<String> args) {
        Path model = null, inputs = null, cache = null, shipped = null;
        boolean wgsl = false, verbose = false;
        AdapterPreset adapter = AdapterPreset.SWIFTSHADER;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--inputs": inputs = path(a, next(args, i++, a)); break;
                case "--cache": cache = path(a, next(args, i++, a)); break;
                case "--shipped": shipped = path(a, next(args, i++, a)); break;
                case "--adapter": adapter = AdapterPreset.parse(next(args, i++, a)); break;
                case "--wgsl": wgsl = true; break;
                case "--verbose": verbose = true; break;
                default:
                    if (a.startsWith("-")) throw new UsageException("unknown option '" + a + "' for kernels");
                    if (model != null) throw new UsageException("unexpected argument '" + a + "' for kernels");
                    model = path("MODEL", a);
            }
        }
        if (model == null) throw new UsageException("kernels needs MODEL.onnx");
        if (inputs == null) throw new UsageException("kernels needs --inputs FEEDS.json (the feeds give the shapes)");
        return new KernelsOptions(model, inputs, wgsl, cache, shipped, adapter, verbose);
    }

    static String next(List<String> args, int i, String option) {
        if (i + 1 >= args.size()) throw new UsageException(option + " needs a value");
        return args.get(i + 1);
    }

    static Path path(String option, String value) {
        if (value.isEmpty()) throw new UsageException(option + " needs a non-empty path");
        try {
            return Paths.get(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageException(option + ": invalid path '" + value + "'");
        }
    }
}
