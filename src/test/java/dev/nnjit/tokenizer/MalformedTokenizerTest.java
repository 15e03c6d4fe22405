package dev.nnjit.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Malformed tokenizer.json: a TokenizerException whose message names the JSON path, never a hang or a crash. */
@Timeout(10)
class MalformedTokenizerTest {
    static final String WORDPIECE = "{\"normalizer\": null, \"pre_tokenizer\": {\"type\": \"Whitespace\"},"
            + " \"model\": {\"type\": \"WordPiece\", \"unk_token\": \"[UNK]\", \"continuing_subword_prefix\": \"##\","
            + " \"vocab\": {\"[UNK]\": 0, \"hello\": 1, \"world\": 2, \"##s\": 3, \"!\": 4}},"
            + " \"added_tokens\": [], \"post_processor\": null, \"decoder\": {\"type\": \"WordPiece\", \"prefix\": \"##\"}}";

    static String message(String json) {
        return assertThrows(TokenizerException.class, () -> Tokenizer.fromJson(json)).getMessage();
    }

    @Test
    void aSmallWordPieceWorks() {
        Tokenizer t = Tokenizer.fromJson(WORDPIECE);
        assertArrayEquals(new int[] {1, 2, 3, 4, 0}, t.encode("hello worlds! x").ids());
        assertEquals("hello worlds! [UNK]", t.decode(new int[] {1, 2, 3, 4, 0}, false));
    }

    @Test
    void truncatedJson() {
        String m = message(WORDPIECE.substring(0, WORDPIECE.length() / 2));
        assertTrue(m.startsWith("tokenizer.json is not valid JSON"), m);
    }

    @Test
    void notAnObject() {
        assertEquals("tokenizer.json: expected a JSON object, found an array", message("[1, 2]"));
    }

    @Test
    void missingModel() {
        assertEquals("tokenizer.json: missing field 'model'", message("{\"normalizer\": null}"));
    }

    @Test
    void wrongTypeAtAPath() {
        assertEquals("tokenizer.json.model.vocab: expected an object, found an array",
                message(WORDPIECE.replace("\"vocab\": {\"[UNK]\": 0, \"hello\": 1, \"world\": 2, \"##s\": 3, \"!\": 4}",
                        "\"vocab\": [1, 2]")));
        assertEquals("tokenizer.json.model.vocab.hello: expected a token id, found a string",
                message(WORDPIECE.replace("\"hello\": 1", "\"hello\": \"one\"")));
    }

    @Test
    void unknownModelType() {
        assertEquals("tokenizer.json.model.type: unknown model type \"WordLevel2\"",
                message(WORDPIECE.replace("\"type\": \"WordPiece\", \"unk", "\"type\": \"WordLevel2\", \"unk")));
    }

    @Test
    void unknownComponentTypes() {
        assertEquals("tokenizer.json.pre_tokenizer.type: unknown pre-tokenizer type \"Nope\"",
                message(WORDPIECE.replace("{\"type\": \"Whitespace\"}", "{\"type\": \"Nope\"}")));
        assertEquals("tokenizer.json.normalizer.normalizers[1].type: unknown normalizer type \"Upper\"",
                message(WORDPIECE.replace("\"normalizer\": null", "\"normalizer\": {\"type\": \"Sequence\","
                        + " \"normalizers\": [{\"type\": \"NFC\"}, {\"type\": \"Upper\"}]}")));
        assertEquals("tokenizer.json.decoder.type: unknown decoder type \"X\"",
                message(WORDPIECE.replace("{\"type\": \"WordPiece\", \"prefix\": \"##\"}", "{\"type\": \"X\"}")));
    }

    @Test
    void badSplitRegex() {
        String m = message(WORDPIECE.replace("{\"type\": \"Whitespace\"}",
                "{\"type\": \"Split\", \"pattern\": {\"Regex\": \"(a|b\"}, \"behavior\": \"Isolated\", \"invert\": false}"));
        assertTrue(m.startsWith("tokenizer.json.pre_tokenizer.pattern.Regex: regex /(a|b/: missing ')'"), m);
    }

    @Test
    void badMergesAndUnigramVocab() {
        String bpe = "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0, \"b\": 1, \"ab\": 2}, \"merges\": [\"a b\", 7]}}";
        assertEquals("tokenizer.json.model.merges[1]: expected \"a b\" or [\"a\", \"b\"], found a number", message(bpe));
        String unigram = "{\"model\": {\"type\": \"Unigram\", \"unk_id\": 0, \"vocab\": [[\"<unk>\", 0], [\"a\"]]}}";
        assertEquals("tokenizer.json.model.vocab[1]: expected [piece, score], found an array", message(unigram));
        String unk = "{\"model\": {\"type\": \"Unigram\", \"unk_id\": 5, \"vocab\": [[\"<unk>\", 0]]}}";
        assertEquals("tokenizer.json.model.unk_id: 5 is outside the vocabulary", message(unk));
    }

    @Test
    void addedTokenWithoutContent() {
        assertEquals("tokenizer.json.added_tokens[0]: missing field 'content'",
                message(WORDPIECE.replace("\"added_tokens\": []", "\"added_tokens\": [{\"id\": 5}]")));
    }
}
