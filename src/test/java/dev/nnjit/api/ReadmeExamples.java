package dev.nnjit.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The code blocks of the project's READMEs, as written there: the one source the README tests run. README.md's
 * "## Examples" section ({@code ReadmeJavaExampleTest} the Java block, {@code ReadmeExamplesIT} the page and Node
 * blocks): each example is the first fenced block after a "### " heading of that section, named by the heading's
 * start. npm/README.md (the README that ships in the npm tarball; {@code ReadmeExamplesIT}): its fenced blocks by
 * "## " section, and all of them, so a test can check that it runs every JavaScript block there is.
 */
public final class ReadmeExamples {
    public static final Path README = Path.of("README.md");
    public static final Path NPM_README = Path.of("npm", "README.md");
    public static final String SCRIPT_TAG_PAGE = "A page, with a `<script>` tag";
    public static final String ES_MODULE_PAGE = "A page, as an ES module";
    public static final String NODE = "Node";
    public static final String JAVA = "Java";

    /** A fenced block: its info string's language ("js", "sh", "" when none) and its lines (each ending in "\n"). */
    public record Block(String language, String body) {}

    private ReadmeExamples() {}

    /** The body of the first fenced block after "### {headingStart}..." in README.md's "## Examples"; fails if none. */
    public static String block(String headingStart) {
        String examples = section(README, "Examples");
        int heading = examples.indexOf("\n### " + headingStart);
        if (heading < 0) throw new AssertionError("README.md's Examples section has no heading '### " + headingStart + "'");
        List<Block> blocks = fencedBlocks(examples.substring(heading));
        if (blocks.isEmpty()) throw new AssertionError("no fenced block under README.md's '### " + headingStart + "'");
        return blocks.get(0).body();
    }

    /** The fenced blocks of {@code readme}'s "## {heading}" section (its "### " subsections included), in order. */
    public static List<Block> blocks(Path readme, String heading) {
        return fencedBlocks(section(readme, heading));
    }

    /** Every fenced block of {@code readme}, in order. */
    public static List<Block> blocks(Path readme) {
        return fencedBlocks(read(readme));
    }

    /** The text of "## {heading}" up to the next "## " heading; fails if there is no such section. */
    private static String section(Path readme, String heading) {
        String text = read(readme);
        int start = text.indexOf("\n## " + heading + "\n");
        if (start < 0) throw new AssertionError(readme + " has no '## " + heading + "' section");
        int end = text.indexOf("\n## ", start + 1);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    /** Blocks between a line "```LANG" and the next line "```". */
    private static List<Block> fencedBlocks(String text) {
        List<Block> blocks = new ArrayList<>();
        String language = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (language == null && line.startsWith("```")) {
                language = line.substring(3).strip();
                body.setLength(0);
            } else if (language != null && line.equals("```")) {
                blocks.add(new Block(language, body.toString()));
                language = null;
            } else if (language != null) {
                body.append(line).append('\n');
            }
        }
        if (language != null) throw new AssertionError("a fenced block is not closed");
        return blocks;
    }

    private static String read(Path readme) {
        try {
            return Files.readString(readme);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
