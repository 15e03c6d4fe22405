/**
 * Tokenizers read from a Hugging Face tokenizer.json, for the JVM and the page (TeaVM's Wasm GC and JS builds):
 * {@link dev.nnjit.tokenizer.Tokenizer#fromJson} then {@code encode(text[, pair])} and {@code decode(ids, skip)}.
 *
 * <p>Pipeline (the order of tokenizer.json): added tokens are cut out first ({@code AddedTokens}), then
 * {@code Normalizers}, {@code PreTokenizers}, the {@code Model} ({@code WordPieceModel}, {@code BpeModel},
 * {@code UnigramModel}), {@code PostProcessors}; {@code Decoders} for the way back. The semantics are those of
 * Hugging Face's JS port (npm {@code @huggingface/tokenizers}), the reference the tests compare against id for id;
 * where that port departs from the Rust library, the class comment says so.
 *
 * <p>Unicode decision. Tokenizers depend on Unicode data in four places: regex classes such as {@code \p{L}},
 * {@code \p{N}}, {@code \s} (GPT-2, Llama 3, Qwen split patterns), general categories (BERT's control and
 * punctuation tests, accent stripping), normalization forms (NFC for Qwen, NFD/NFKC/NFKD) and lowercasing. The
 * platforms disagree there: TeaVM's class library has no {@code java.text.Normalizer}, its {@code java.util.regex}
 * is a separate implementation with its own Unicode data (Unicode 15), and JDK 17's is Unicode 13; the reference
 * (JavaScript in Node 20) uses Unicode 15. So the package uses none of them: {@code unicode.UnicodeTables} is
 * generated (by a test-scope tool, checked by a test to be current) from the Unicode 15 UnicodeData.txt that
 * TeaVM's class library ships, as compact base-36 text in string constants (no resource loading, which TeaVM
 * handles differently per target); {@code unicode.Unicode} answers categories, combining classes, White_Space and
 * JS whitespace and lowercasing from it; {@code unicode.Normalization} implements NFC/NFD/NFKC/NFKD (UAX #15) on
 * it; and {@code regex.Regex} is a small backtracking engine over code points that covers what tokenizer.json
 * patterns use (alternation, classes with properties, counted and lazy repeats, look-around, ASCII case folding
 * in {@code (?i:...)}). The same code and data then give the same ids on the JVM and both browser builds.
 * Tests check the tables against the JDK wherever both know a code point.
 *
 * <p>Chat templates: {@code TokenizerConfig} reads tokenizer_config.json's {@code chat_template} (a string, or a
 * list of {@code {name, template}} where "default" is the default and "tool_use" is chosen when tools are given, as
 * transformers does) and its special tokens; {@code ChatTemplate} renders a conversation with them through
 * {@code dev.nnjit.template} (variables as transformers.js passes them); the rendered text is tokenized with
 * {@code encode(text, false)}, since it already holds the template's special tokens. upper/lower in templates use
 * the platform's case mapping (ASCII in every real template seen).
 *
 * <p>Not done: offsets (the JS port has none), truncation and padding (ignored), Unigram byte_fallback and
 * Metaspace {@code split} (ignored, as in the JS port), the Precompiled charsmap itself (NFKC plus SentencePiece's
 * whitespace and control-character rules instead, as in the JS port), WordLevel and CTC-less exotic models.
 */
package dev.nnjit.tokenizer;
