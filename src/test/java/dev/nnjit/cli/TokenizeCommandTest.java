package dev.nnjit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizeCommandTest {
    @TempDir Path dir;

    record Result(int code, String out, String err) {}

    Result run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Path tokenizer() throws Exception {
        Path p = dir.resolve("tokenizer.json");
        Files.writeString(p, "{\"normalizer\": {\"type\": \"Lowercase\"}, \"pre_tokenizer\": {\"type\": \"Whitespace\"},"
                + " \"model\": {\"type\": \"WordPiece\", \"unk_token\": \"[UNK]\", \"vocab\": {\"[UNK]\": 0, \"[CLS]\": 1,"
                + " \"[SEP]\": 2, \"hello\": 3, \"world\": 4, \"##s\": 5}},"
                + " \"added_tokens\": [{\"id\": 1, \"content\": \"[CLS]\", \"special\": true},"
                + " {\"id\": 2, \"content\": \"[SEP]\", \"special\": true}],"
                + " \"post_processor\": {\"type\": \"BertProcessing\", \"cls\": [\"[CLS]\", 1], \"sep\": [\"[SEP]\", 2]},"
                + " \"decoder\": {\"type\": \"WordPiece\", \"prefix\": \"##\"}}");
        return p;
    }

    @Test
    void encodesEachLine() throws Exception {
        Result r = run("Hello worlds\n\nhello\r x\n", "tokenize", "--tokenizer", tokenizer().toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("[1,3,4,5,2]\n[1,2]\n[1,3,0,2]\n", r.out());
    }

    @Test
    void decodesIdArrays() throws Exception {
        Result r = run("[1,3,4,5,2]\n[1,2]\n", "tokenize", "--tokenizer", tokenizer().toString(), "--decode");
        assertEquals(0, r.code(), r.err());
        assertEquals("[CLS] hello worlds [SEP]\n[CLS] [SEP]\n", r.out());
        r = run("[1,3,4,5,2]\n", "tokenize", "--tokenizer", tokenizer().toString(), "--decode", "--skip-special-tokens");
        assertEquals("hello worlds\n", r.out());
    }

    @Test
    void usageErrorsExit2() {
        Result r = run("", "tokenize");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("nnjit: tokenize needs --tokenizer"), r.err());
        assertEquals(2, run("", "tokenize", "--tokenizer", "x.json", "--bogus").code());
    }

    @Test
    void badFilesAndLinesExit1WithOneLine() throws Exception {
        Result r = run("x\n", "tokenize", "--tokenizer", dir.resolve("missing.json").toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("missing.json: no such file"), r.err());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"model\": {\"type\": \"Foo\"}}");
        r = run("x\n", "tokenize", "--tokenizer", bad.toString());
        assertEquals(1, r.code());
        assertEquals("nnjit: error: tokenizer.json.model.type: unknown model type \"Foo\"\n", r.err());
        r = run("[1,\"a\"]\n", "tokenize", "--tokenizer", tokenizer().toString(), "--decode");
        assertEquals(1, r.code());
        assertEquals("nnjit: error: line 1: element 1 is not a token id\n", r.err());
    }
}
