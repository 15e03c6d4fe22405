package dev.nnjit.cli;

import dev.nnjit.json.Json;
import dev.nnjit.json.JsonException;
import dev.nnjit.tokenizer.Tokenizer;
import dev.nnjit.tokenizer.TokenizerException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code nnjit tokenize --tokenizer TOKENIZER.json [--decode] [--skip-special-tokens]}: reads standard input as
 * UTF-8, one input per line (lines split on "\n" only; a final "\n" ends the last line), and prints one line per
 * input: the JSON array of ids of encode(line) (special tokens as the post-processor adds them, no padding, no
 * truncation), or with --decode the text of a JSON array of ids (printed as it is, so a decoded "\n" starts a
 * new output line).
 */
final class TokenizeCommand implements Command {
    static final String USAGE = "  nnjit tokenize --tokenizer TOKENIZER.json [--decode [--skip-special-tokens]] < LINES";

    @Override public String name() { return "tokenize"; }
    @Override public String usage() { return USAGE; }
    @Override public String summary() {
        return "Encodes each line of stdin with a Hugging Face tokenizer.json (one JSON array of ids a line),\n"
                + "or decodes id arrays with --decode.";
    }

    @Override public int run(List<String> args, CommandIo io) {
        PrintStream out = io.out();
        String tokenizerPath = null;
        boolean decode = false, skipSpecial = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--tokenizer":
                    tokenizerPath = Options.next(args, i++, a);
                    break;
                case "--decode": decode = true; break;
                case "--skip-special-tokens": skipSpecial = true; break;
                case "--verbose": break; // Main.invoke reads it
                default: throw new UsageException("tokenize: unknown argument '" + a + "'");
            }
        }
        if (tokenizerPath == null) throw new UsageException("tokenize needs --tokenizer TOKENIZER.json");
        if (skipSpecial && !decode) throw new UsageException("--skip-special-tokens only goes with --decode");
        Tokenizer tokenizer = Tokenizer.fromJson(readFile(Path.of(tokenizerPath)));
        List<String> lines;
        try {
            lines = lines(new String(io.in().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException("cannot read standard input: " + e.getMessage(), e);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (decode) {
                b.append(tokenizer.decode(ids(lines.get(i), i + 1), skipSpecial));
            } else {
                int[] ids = tokenizer.encode(lines.get(i)).ids();
                b.append('[');
                for (int k = 0; k < ids.length; k++) { if (k > 0) b.append(','); b.append(ids[k]); }
                b.append(']');
            }
            b.append('\n');
            if (b.length() > 1 << 16) { out.print(b); b.setLength(0); }
        }
        out.print(b);
        out.flush();
        return Main.OK;
    }

    private static String readFile(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException(p + ": no such file");
        } catch (IOException e) {
            throw new CliException(p + ": cannot read: " + e.getMessage(), e);
        }
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) { out.add(text.substring(start)); break; }
            out.add(text.substring(start, nl));
            start = nl + 1;
        }
        return out;
    }

    private static int[] ids(String line, int lineNumber) {
        Object parsed;
        try {
            parsed = Json.parse(line);
        } catch (JsonException e) {
            throw new CliException("line " + lineNumber + ": not a JSON array of ids: " + e.getMessage());
        }
        if (!(parsed instanceof List)) throw new CliException("line " + lineNumber + ": expected a JSON array of ids");
        List<?> list = (List<?>) parsed;
        int[] ids = new int[list.size()];
        for (int i = 0; i < ids.length; i++) {
            Object v = list.get(i);
            double d = v instanceof Number ? ((Number) v).doubleValue() : Double.NaN;
            if (d != Math.rint(d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new CliException("line " + lineNumber + ": element " + i + " is not a token id");
            }
            ids[i] = (int) d;
        }
        return ids;
    }
}
