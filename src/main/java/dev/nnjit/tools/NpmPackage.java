package dev.nnjit.tools;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Assembles the npm package from the built web app and packs it: {@code mvn package} runs this after TeaVM (JVM only).
 *
 * <pre>
 *   java -cp core/target/classes:target/classes dev.nnjit.tools.NpmPackage WEBAPP_DIR NPM_SOURCE_DIR LICENSE_FILE OUT_DIR VERSION
 * </pre>
 *
 * Writes {@code OUT_DIR/package/} (package.json, README.md, LICENSE, index.d.ts, engine.d.ts, nnjit.js, tensor.js,
 * engine.js, nnjit.global.js, wasm-gc/, js/) and, when npm is on the PATH, {@code OUT_DIR/nnjit-VERSION.tgz} by
 * {@code npm pack}; without npm it says so and leaves the folder (a package without its tarball, not a failure).
 *
 * <p>The script-tag build {@code nnjit.global.js} is {@code npm/nnjit.global.template.js} with the API modules
 * ({@link #GLOBAL_MODULES}) inlined by {@link #globalScript}: a deliberately tiny bundler that only knows the shapes
 * these two files use, and refuses anything else rather than guess.
 */
public final class NpmPackage {
    /** Web app files of the package besides the two engine builds (wasm-gc/, js/). */
    static final List<String> WEBAPP_FILES = List.of("engine.js", "engine-tokenizer.js", "backend-choice.js", "nnjit.js", "tensor.js",
            "fetch-file.js", "pretrained.js", "pipeline.js", "task-feature-extraction.js", "generation.js");
    /** npm/ source files copied as they are (package.json is filled in). */
    static final List<String> SOURCE_FILES = List.of("README.md", "index.d.ts", "engine.d.ts");
    /** Modules inlined into nnjit.global.js, in dependency order. */
    static final List<String> GLOBAL_MODULES = List.of("tensor.js", "fetch-file.js", "pretrained.js",
            "task-feature-extraction.js", "pipeline.js", "nnjit.js");
    static final String VERSION_LINE = "export const version = \"dev\";";
    static final String MODULES_MARKER = "/* @MODULES@ */";

    /** An import of another inlined module (group 1: its file name). */
    private static final Pattern INTERNAL_IMPORT = Pattern.compile("^import \\{[^}]*\\} from \"\\./([A-Za-z0-9_-]+\\.js)\";$");
    /** A declaration at the top level of a module (group 1: its name), which the script-tag build shares. */
    private static final Pattern TOP_LEVEL_DECLARATION =
            Pattern.compile("^(?:export )?(?:async )?(?:function\\*?|class|const|let|var) ([A-Za-z0-9_$]+)");
    private static final Pattern RE_EXPORT = Pattern.compile("^export \\{[^}]*\\};$");
    private static final Pattern EXPORTED_DECLARATION =
            Pattern.compile("^export ((?:async )?function|class|const|let) ");

    private NpmPackage() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 5) {
            throw new IllegalArgumentException(
                    "usage: NpmPackage WEBAPP_DIR NPM_SOURCE_DIR LICENSE_FILE OUT_DIR VERSION");
        }
        Path outDir = Paths.get(args[3]);
        Path packageDir = assemble(Paths.get(args[0]), Paths.get(args[1]), Paths.get(args[2]), outDir, args[4]);
        deleteOldTarballs(outDir); // a tarball left from an earlier build must not pass for this one
        Path npm = findOnPath("npm");
        if (npm == null) {
            System.out.println("[nnjit] npm is not on the PATH: skipped the npm tarball (" + packageDir
                    + " is assembled; install Node.js 20+ with npm to get " + tarballName(args[4]) + ")");
            return;
        }
        Path tarball = pack(npm, packageDir, outDir, args[4]);
        System.out.println("[nnjit] npm package: " + tarball);
    }

    static String tarballName(String version) {
        return "nnjit-" + version + ".tgz";
    }

    /** Builds OUT_DIR/package from scratch; returns it. */
    static Path assemble(Path webapp, Path npmSource, Path license, Path outDir, String version) throws IOException {
        Path pkg = outDir.resolve("package");
        deleteTree(pkg);
        Files.createDirectories(pkg);
        for (String dir : List.of("wasm-gc", "js")) copyTree(require(webapp.resolve(dir)), pkg.resolve(dir));
        for (String f : WEBAPP_FILES) Files.copy(require(webapp.resolve(f)), pkg.resolve(f));
        for (String f : SOURCE_FILES) Files.copy(require(npmSource.resolve(f)), pkg.resolve(f));
        Files.copy(require(license), pkg.resolve("LICENSE"));
        write(pkg.resolve("nnjit.js"), withVersion(read(pkg.resolve("nnjit.js")), version));
        write(pkg.resolve("package.json"),
                read(require(npmSource.resolve("package.json"))).replace("@VERSION@", version));
        List<String> modules = new ArrayList<>();
        for (String m : GLOBAL_MODULES) modules.add(read(pkg.resolve(m)));
        write(pkg.resolve("nnjit.global.js"),
                globalScript(read(require(npmSource.resolve("nnjit.global.template.js"))), GLOBAL_MODULES, modules));
        return pkg;
    }

    /** nnjit.js with its version constant set (the web app's copy says "dev"). */
    static String withVersion(String nnjitJs, String version) {
        if (!nnjitJs.contains(VERSION_LINE)) throw new IllegalStateException("nnjit.js has no line " + VERSION_LINE);
        return nnjitJs.replace(VERSION_LINE, "export const version = \"" + version + "\";");
    }

    /**
     * The classic script: the template with the modules' code in place of {@value #MODULES_MARKER}. Per module line:
     * imports of the other inlined modules and {@code export {...};} lines are dropped (the names share one scope), "export "
     * is cut from declarations, {@code import.meta.url} becomes {@code NNJIT_SCRIPT_URL} (the template defines it:
     * the script's own URL). Any other import or export is an error naming file and line.
     */
    static String globalScript(String template, List<String> names, List<String> sources) {
        if (!template.contains(MODULES_MARKER)) throw new IllegalStateException("template has no " + MODULES_MARKER);
        StringBuilder body = new StringBuilder();
        java.util.Map<String, String> declaredIn = new java.util.HashMap<>();
        for (int m = 0; m < sources.size(); m++) {
            body.append("// ---- ").append(names.get(m)).append(" ----\n");
            String[] lines = sources.get(m).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                Matcher top = TOP_LEVEL_DECLARATION.matcher(line);
                if (top.find()) {
                    String earlier = declaredIn.putIfAbsent(top.group(1), names.get(m));
                    if (earlier != null) {
                        throw new IllegalStateException(names.get(m) + ":" + (i + 1) + ": '" + top.group(1)
                                + "' is also declared in " + earlier + " (the script-tag build puts every module in"
                                + " one scope: rename one)");
                    }
                }
                Matcher internal = INTERNAL_IMPORT.matcher(line);
                if (internal.matches() && names.contains(internal.group(1)) || RE_EXPORT.matcher(line).matches()) continue;
                Matcher decl = EXPORTED_DECLARATION.matcher(line);
                if (decl.find()) line = line.substring("export ".length());
                line = line.replace("import.meta.url", "NNJIT_SCRIPT_URL");
                String code = line.stripLeading();
                if (code.startsWith("import ") || code.startsWith("export ") || line.contains("import.meta")) {
                    throw new IllegalStateException(names.get(m) + ":" + (i + 1)
                            + ": the script-tag build cannot inline this line: " + line.strip());
                }
                body.append(line).append('\n');
            }
        }
        return template.replace(MODULES_MARKER, body.toString().stripTrailing());
    }

    static void deleteOldTarballs(Path outDir) throws IOException {
        try (Stream<Path> files = Files.list(outDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().matches("nnjit-.*\\.tgz")) Files.delete(f);
            }
        }
    }

    /** npm pack into OUT_DIR; returns the tarball. */
    static Path pack(Path npm, Path packageDir, Path outDir, String version) throws IOException, InterruptedException {
        Path log = outDir.resolve("npm-pack.log");
        Process p = new ProcessBuilder(npm.toString(), "pack", "--pack-destination", outDir.toAbsolutePath().toString())
                .directory(packageDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("npm pack did not finish in 5 minutes (log: " + log + ")");
        }
        Path tarball = outDir.resolve(tarballName(version));
        if (p.exitValue() != 0 || !Files.isRegularFile(tarball)) {
            throw new IOException("npm pack failed with exit code " + p.exitValue() + ": " + read(log).strip());
        }
        return tarball;
    }

    /** An executable named {@code name} on the PATH, or null. */
    public static Path findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Paths.get(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return candidate;
        }
        return null;
    }

    private static Path require(Path p) {
        if (!Files.exists(p)) throw new IllegalStateException("missing " + p + " (run mvn package to build the web app)");
        return p;
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    private static void write(Path p, String text) throws IOException {
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
