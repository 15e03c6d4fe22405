package dev.nnjit.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The code blocks of README.md's "## Examples" section, as written there: the one source the README tests run
 * ({@code ReadmeJavaExampleTest} the Java block, {@code ReadmeExamplesIT} the page and Node blocks). Each example is
 * the first fenced block after a "### " heading of that section; the tests name it by the heading's start.
 */
public final class ReadmeExamples {
    public static final Path README = Path.of("README.md");
    public static final String SCRIPT_TAG_PAGE = "A page, with a `<script>` tag";
    public static final String ES_MODULE_PAGE = "A page, as an ES module";
    public static final String NODE = "Node";
    public static final String JAVA = "Java";

    private ReadmeExamples() {}

    /** The body of the first fenced block after "### {headingStart}..." in "## Examples"; fails if there is none. */
    public static String block(String headingStart) {
        String readme;
        try {
            readme = Files.readString(README);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int section = readme.indexOf("\n## Examples\n");
        if (section < 0) throw new AssertionError("README.md has no '## Examples' section");
        int sectionEnd = readme.indexOf("\n## ", section + 1);
        if (sectionEnd < 0) sectionEnd = readme.length();
        int heading = readme.indexOf("\n### " + headingStart, section);
        if (heading < 0 || heading > sectionEnd) {
            throw new AssertionError("README.md's Examples section has no heading '### " + headingStart + "'");
        }
        int fence = readme.indexOf("\n```", heading + 1);
        int bodyStart = readme.indexOf('\n', fence + 1) + 1;
        int close = readme.indexOf("\n```\n", bodyStart - 1);
        if (fence < 0 || fence > sectionEnd || close < 0 || close > sectionEnd) {
            throw new AssertionError("no fenced block under README.md's '### " + headingStart + "'");
        }
        return readme.substring(bodyStart, close + 1);
    }
}
