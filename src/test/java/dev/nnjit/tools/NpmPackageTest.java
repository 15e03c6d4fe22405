package dev.nnjit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The npm package assembly: the script-tag build's inlining rules, and the folder it lays out. */
class NpmPackageTest {
    static final String TEMPLATE = "(function () {\n  const NNJIT_SCRIPT_URL = document.currentScript.src;\n"
            + NpmPackage.MODULES_MARKER + "\n  globalThis.nnjit = { Tensor, env };\n})();\n";

    @Test void inlinesModulesWithoutImportsAndExports() {
        String tensor = "export class Tensor {}\nexport function helper() {}\nconst PRIVATE = 1;\n";
        String api = "import { Tensor, helper } from \"./tensor.js\";\nexport { Tensor };\n"
                + "export const env = {};\nexport async function create() {\n"
                + "  return import(new URL(\"./engine.js\", import.meta.url).href);\n}\n";
        String script = NpmPackage.globalScript(TEMPLATE, List.of("tensor.js", "nnjit.js"), List.of(tensor, api));
        assertTrue(script.contains("class Tensor {}\nfunction helper() {}\nconst PRIVATE = 1;"), script);
        assertTrue(script.contains("const env = {};\nasync function create() {"), script);
        assertTrue(script.contains("new URL(\"./engine.js\", NNJIT_SCRIPT_URL)"), script);
        assertFalse(script.contains("export "), script);
        assertFalse(script.contains("from \"./tensor.js\""), script);
        assertFalse(script.contains(NpmPackage.MODULES_MARKER), script);
    }

    @Test void refusesAnImportItCannotInline() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> NpmPackage.globalScript(TEMPLATE,
                List.of("nnjit.js"), List.of("const a = 1;\nimport { x } from \"./other.js\";\n")));
        assertEquals("nnjit.js:2: the script-tag build cannot inline this line: import { x } from \"./other.js\";",
                e.getMessage());
        assertThrows(IllegalStateException.class, () -> NpmPackage.globalScript(TEMPLATE, List.of("a.js"),
                List.of("export default function () {}\n")));
    }

    @Test void inlinesImportsBetweenItsModulesAndRefusesNamesDeclaredTwice() {
        String script = NpmPackage.globalScript(TEMPLATE, List.of("a.js", "b.js"),
                List.of("export function f() {}\n", "import { f } from \"./a.js\";\nconst g = f;\n"));
        assertFalse(script.contains("import "), script);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> NpmPackage.globalScript(TEMPLATE,
                List.of("a.js", "b.js"), List.of("function now() {}\n", "const x = 1;\nexport function now() {}\n")));
        assertEquals("b.js:2: 'now' is also declared in a.js (the script-tag build puts every module in one scope:"
                + " rename one)", e.getMessage());
    }

    @Test void setsTheVersionOfTheModule() {
        assertEquals("a\nexport const version = \"1.2.3\";\n",
                NpmPackage.withVersion("a\n" + NpmPackage.VERSION_LINE + "\n", "1.2.3"));
        assertThrows(IllegalStateException.class, () -> NpmPackage.withVersion("no version here", "1.2.3"));
    }

    /** The real sources (src/main/webapp, npm/) with a stand-in for the two engine builds. */
    @Test void assemblesThePackageFolder(@TempDir Path tmp) throws IOException {
        Path webapp = tmp.resolve("webapp");
        Files.createDirectories(webapp.resolve("wasm-gc"));
        Files.createDirectories(webapp.resolve("js"));
        Files.writeString(webapp.resolve("wasm-gc/nnjit.wasm"), "wasm");
        Files.writeString(webapp.resolve("wasm-gc/nnjit.wasm-runtime.js"), "runtime");
        Files.writeString(webapp.resolve("js/nnjit.js"), "js build");
        for (String f : NpmPackage.WEBAPP_FILES) Files.copy(Paths.get("src/main/webapp", f), webapp.resolve(f));
        Path pkg = NpmPackage.assemble(webapp, Paths.get("npm"), Paths.get("LICENSE"), tmp.resolve("out"), "9.8.7");

        for (String f : List.of("package.json", "README.md", "LICENSE", "index.d.ts", "engine.d.ts", "nnjit.js",
                "tensor.js", "engine.js", "engine-tokenizer.js", "backend-choice.js", "fetch-file.js", "pretrained.js", "pipeline.js",
                "task-feature-extraction.js", "generation.js", "nnjit.global.js", "wasm-gc/nnjit.wasm", "wasm-gc/nnjit.wasm-runtime.js",
                "js/nnjit.js")) {
            assertTrue(Files.isRegularFile(pkg.resolve(f)), f);
        }
        String packageJson = Files.readString(pkg.resolve("package.json"));
        assertTrue(packageJson.contains("\"version\": \"9.8.7\""), packageJson);
        assertTrue(packageJson.contains("\"type\": \"module\""), packageJson);
        assertTrue(Files.readString(pkg.resolve("nnjit.js")).contains("export const version = \"9.8.7\";"));
        String global = Files.readString(pkg.resolve("nnjit.global.js"));
        assertTrue(global.contains("globalThis.nnjit = Object.freeze({ InferenceSession, Tensor, env, version, pipeline,"
                + " clearModelCache });"));
        assertTrue(global.contains("const version = \"9.8.7\";"), "the global build has the version");
        assertTrue(Files.readString(pkg.resolve("LICENSE")).contains("Apache License"));
    }
}
