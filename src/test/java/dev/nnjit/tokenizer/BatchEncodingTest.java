package dev.nnjit.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Truncation to tokenizer_config.json's maximum length and padded batches, on MiniLM's BERT tokenizer. */
class BatchEncodingTest {
    private static final int CLS = 101;
    private static final int SEP = 102;
    private static Tokenizer minilm;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = BatchEncodingTest.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            minilm = Tokenizer.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void truncationKeepsTheSpecialTokensAndCutsTheText() {
        int[] full = minilm.encode("one two three four five six seven eight nine ten").ids();
        int[] cut = minilm.encode("one two three four five six seven eight nine ten", null, 6).ids();
        assertEquals(6, cut.length);
        assertEquals(CLS, cut[0]);
        assertEquals(SEP, cut[5]);
        assertArrayEquals(Arrays.copyOf(full, 5), Arrays.copyOf(cut, 5));
        assertArrayEquals(full, minilm.encode("one two three four five six seven eight nine ten", null, 100).ids());
    }

    @Test
    void pairsLoseTokensFromTheLongerSideFirst() {
        Encoding e = minilm.encode("one two three four five six", "seven eight", 9);
        // [CLS] one two three four [SEP] seven eight [SEP]: 6 text tokens fit, the longer side gave 2
        assertEquals(9, e.ids().length);
        assertEquals(SEP, e.ids()[5]);
        assertEquals(1, e.typeIds()[6]);
    }

    @Test
    void aMaximumBelowTheSpecialTokensIsAnError() {
        String m = assertThrows(TokenizerException.class, () -> minilm.encode("a", null, 1)).getMessage();
        assertEquals("maximum length 1 leaves no room for the 2 special tokens", m);
    }

    @Test
    void batchesArePaddedAndMasked() {
        BatchEncoding b = BatchEncoding.encode(minilm, new String[] {"hello", "hello there my friend"}, null,
                new BatchEncoding.Options(0, 1, 0, false));
        int[] longRow = minilm.encode("hello there my friend").ids();
        assertEquals(2, b.batch());
        assertEquals(longRow.length, b.length());
        assertArrayEquals(new int[] {CLS, minilm.tokenToId("hello"), SEP}, Arrays.copyOf(b.ids(), 3));
        for (int j = 3; j < b.length(); j++) {
            assertEquals(0, b.ids()[j]);
            assertEquals(0, b.attentionMask()[j]);
        }
        assertArrayEquals(longRow, Arrays.copyOfRange(b.ids(), b.length(), 2 * b.length()));
        assertTrue(Arrays.stream(Arrays.copyOfRange(b.attentionMask(), b.length(), 2 * b.length())).allMatch(v -> v == 1));
    }

    @Test
    void paddingRoundsUpToAMultipleButNotPastTheMaximum() {
        BatchEncoding.Options o = new BatchEncoding.Options(5, 8, 0, false);
        BatchEncoding b = BatchEncoding.encode(minilm, new String[] {"a b c d e f g"}, null, o);
        assertEquals(5, b.length());
        assertEquals(8, BatchEncoding.encode(minilm, new String[] {"a"}, null,
                new BatchEncoding.Options(0, 8, 0, false)).length());
    }

    @Test
    void leftPaddingPutsThePadsFirst() {
        BatchEncoding b = BatchEncoding.encode(minilm, new String[] {"a", "a b"}, null,
                new BatchEncoding.Options(0, 1, 0, true));
        assertArrayEquals(new int[] {0, CLS}, Arrays.copyOf(b.ids(), 2));
        assertArrayEquals(new int[] {0, 1}, Arrays.copyOf(b.attentionMask(), 2));
    }

    @Test
    void tokenizerConfigReadsTheMaximumAndPadToken() {
        TokenizerConfig c = TokenizerConfig.fromJson("{\"model_max_length\": 512, \"pad_token\": \"[PAD]\"}");
        assertEquals(512, c.maxLength());
        assertEquals(0, c.padId(minilm));
        assertEquals(0, TokenizerConfig.fromJson("{\"model_max_length\": 1000000000000000019884624838656}").maxLength());
        assertEquals("[SEP]", TokenizerConfig.fromJson("{\"pad_token\": {\"content\": \"[SEP]\"}}").padToken());
        assertTrue(TokenizerConfig.fromJson("{\"padding_side\": \"left\"}").padLeft());
        String m = assertThrows(TokenizerException.class, () -> TokenizerConfig.fromJson("{\"pad_token\": 3}"))
                .getMessage();
        assertTrue(m.contains("pad_token"), m);
    }
}
