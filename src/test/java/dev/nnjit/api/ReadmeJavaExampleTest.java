package dev.nnjit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.model.jvm.ModelFiles;
import dev.nnjit.tensor.Tensor;
import java.io.File;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM project that depends on nnjit-core alone: the Java block of README.md's Examples section, taken from the
 * file as written ({@link ReadmeExamples}), is compiled with only the core's classes on the classpath and run in a
 * fresh JVM whose classpath is those classes and the example (no Gson, no Playwright, no TeaVM). Its output must
 * equal the same run made here.
 */
class ReadmeJavaExampleTest {
    /** The Java block of README.md's Examples section. */
    static List<String> readmeExample() {
        return ReadmeExamples.block(ReadmeExamples.JAVA).lines().toList();
    }

    /** The example as a class: its imports at the top, its statements in main. */
    static String asProgram(List<String> lines) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : lines) (line.startsWith("import ") ? imports : body).append(line).append('\n');
        return imports + "public class ReadmeExample {\n    public static void main(String[] args) throws Exception {\n"
                + body + "    }\n}\n";
    }

    @Test
    void readmeExampleCompilesAndRunsAgainstTheCoreAlone(@TempDir Path work) throws Exception {
        Path core = Path.of(Session.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertFalse(Files.exists(core.resolve("dev/nnjit/cli")), "expected the nnjit-core classes alone, got " + core);

        Path source = work.resolve("ReadmeExample.java");
        Files.writeString(source, asProgram(readmeExample()));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = javac.getTask(diagnostics, null, null,
                List.of("--release", "17", "-classpath", core.toString(), "-d", work.toString()), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(source)).call();
        assertTrue(compiled, "the README's Java example does not compile against nnjit-core alone:\n" + diagnostics);

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", core + File.pathSeparator + work, "ReadmeExample")
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the example did not finish in 120 s");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), "the example failed:\n" + output);
        assertEquals(expectedOutput(), output);
    }

    /** The example's run made in this JVM. */
    private static String expectedOutput() {
        Session session = Session.create(ModelFiles.load(Path.of("models/fixtures/bert/model.onnx")));
        int[] shape = {1, 4};
        Map<String, Tensor> out = session.run(Map.of(
                "input_ids", Tensor.ofLongs(shape, new long[] {2, 41, 307, 3}),
                "attention_mask", Tensor.ofLongs(shape, new long[] {1, 1, 1, 1}),
                "token_type_ids", Tensor.ofLongs(shape, new long[] {0, 0, 0, 0})));
        float[] hidden = out.get("last_hidden_state").floats();
        assertEquals(1 * 4 * 32, hidden.length);
        return hidden.length + " floats, first " + hidden[0];
    }
}
