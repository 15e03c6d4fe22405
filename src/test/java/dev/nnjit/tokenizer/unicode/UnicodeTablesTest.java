package dev.nnjit.tokenizer.unicode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * nnjit's Unicode tables: the committed class is what the generator makes, and on every code point the JDK also
 * knows (JDK 17 has Unicode 13, the tables Unicode 15) the categories and all four normalization forms agree with
 * {@code Character.getType} and {@code java.text.Normalizer}.
 */
class UnicodeTablesTest {
    static final String JDK_CATEGORIES = "Cn Lu Ll Lt Lm Lo Mn Me Mc Nd Nl No Zs Zl Zp Cc Cf ? Co Cs Pd Ps Pe Pc Po Sm Sc Sk So Pi Pf";

    @Test
    void committedTablesAreUpToDate() throws Exception {
        String committed = Files.readString(Path.of("src/main/java/dev/nnjit/tokenizer/unicode/UnicodeTables.java"),
                StandardCharsets.UTF_8);
        assertEquals(UnicodeTablesGenerator.generate(), committed,
                "regenerate with UnicodeTablesGenerator (see its comment)");
    }

    @Test
    void categoriesAgreeWithTheJdkWhereBothKnowTheCodePoint() {
        String[] jdk = JDK_CATEGORIES.split(" ");
        List<String> diffs = new ArrayList<>();
        for (int cp = 0; cp <= 0x10FFFF; cp++) {
            int t = Character.getType(cp);
            if (t == Character.UNASSIGNED) continue;
            String ours = Unicode.CATEGORY_NAMES.split(" ")[Unicode.category(cp)];
            if (!ours.equals(jdk[t])) diffs.add(Integer.toHexString(cp) + " " + jdk[t] + "->" + ours);
        }
        // Unicode 14 and 15 recategorised a handful of code points; nothing else may differ.
        assertTrue(diffs.size() <= 10, diffs.size() + " differences: " + diffs.subList(0, Math.min(40, diffs.size())));
    }

    @Test
    void normalizationAgreesWithTheJdk() {
        List<String> diffs = new ArrayList<>();
        for (int cp = 0xA0; cp <= 0x10FFFF; cp++) {
            if (Character.getType(cp) == Character.UNASSIGNED || Character.getType(cp) == Character.SURROGATE) continue;
            String s = new String(Character.toChars(cp));
            // Every code point that decomposes, and a sample of the rest (a full pass takes ~20 s on 2 cores).
            if (!Normalizer.isNormalized(s, Normalizer.Form.NFKD) || cp % 61 == 0) check(s, diffs);
        }
        String[] sequences = {"e\u0301", "a\u0308\u0301", "q\u0323\u0307", "q\u0307\u0323", "\u1100\u1161\u11a8",
                "\u0958", "\u212b", "A\u030a\u0301", "\u00c5\u0327", "ﬁ\u0301", "\u1e9b\u0323", "\u0fb2\u0f80\u0f71",
                "\u05d1\u05bc\u05b0", "\u0e01\u0e48\u0e33", "\uac00\u11a8", "\u03a9\u0345\u0301"};
        for (String s : sequences) check(s, diffs);
        assertEquals(List.of(), diffs.subList(0, Math.min(40, diffs.size())));
    }

    private static void check(String s, List<String> diffs) {
        for (Normalization.Form f : Normalization.Form.values()) {
            String want = Normalizer.normalize(s, Normalizer.Form.valueOf(f.name()));
            String got = Normalization.normalize(s, f);
            if (!want.equals(got)) {
                diffs.add(f + " " + s.codePoints().mapToObj(Integer::toHexString).toList() + ": want "
                        + want.codePoints().mapToObj(Integer::toHexString).toList() + " got "
                        + got.codePoints().mapToObj(Integer::toHexString).toList());
            }
        }
    }

    @Test
    void lowercaseAsJavaScript() {
        String s = "İSTANBUL ΟΔΥΣΣΕΥΣ Σ ΣΑ ÅB ǅ";
        assertEquals(s.toLowerCase(java.util.Locale.ROOT), Unicode.toLowerCase(s));
    }
}
