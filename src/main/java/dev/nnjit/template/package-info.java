/**
 * A Jinja template engine for Hugging Face chat templates (tokenizer_config.json's {@code chat_template}), TeaVM-safe
 * (no reflection, no regular expressions): {@link dev.nnjit.template.Template} parses once and renders many times.
 * One job per file: {@code Lexer} (source → tokens, with transformers' trim_blocks/lstrip_blocks and the {@code -}
 * markers), {@code Parser} (tokens → {@code Node} tree), {@code Interpreter} (renders the tree over the value model
 * of {@code Values}), {@code Operators}, {@code Builtins} (attributes, indexing, string and dict methods),
 * {@code Filters}, {@code Tests}, {@code Globals} (range, namespace, dict, raise_exception, strftime_now),
 * {@code JsonWriter} (tojson).
 *
 * <p>Supported: {@code {{ }}}, {@code {% %}}, {@code {# #}}; if/elif/else, for (tuple targets, {@code if} filters,
 * else, loop.index/index0/revindex/first/last/length/previtem/nextitem, break, continue), set (names, tuples,
 * {@code ns.attr}, block set), macros with defaults and keyword arguments, {@code generation} blocks (rendered as
 * is); literals, lists, tuples, dicts, member/index access, slices, {@code in}/{@code not in}, {@code is} tests,
 * {@code ~}, arithmetic, comparisons, and/or/not, {@code a if c else b}.
 *
 * <p>The reference is @huggingface/jinja, the renderer of transformers.js (ChatTemplateReferenceTest compares byte
 * for byte); where it departs from Python's Jinja, nnjit follows it: booleans print as {@code true}/{@code false},
 * none prints as nothing, a missing attribute of anything is undefined rather than an error, {@code capitalize} and
 * {@code title} leave the other letters as they are, whitespace is JavaScript's. Deliberate differences, where
 * version 0.5 of that library is wrong against Python and a real template can notice: {@code strip}/{@code lstrip}/
 * {@code rstrip}/{@code trim} honour their characters argument (Qwen3's {@code .strip('\n')}), {@code %} and
 * {@code //} floor as in Python, looping over undefined loops zero times, lists and dicts compare by content, strings
 * compare with {@code <}. Errors are {@link dev.nnjit.template.TemplateException}s naming line and column; parsing
 * and rendering are bounded (expression nesting, macro recursion, range length), so a malformed template fails fast.
 *
 * <p>Not supported (an "unknown statement" or "unknown filter" error says so): {@code call}/{@code filter}/
 * {@code raw} blocks, include/import/extends, {@code loop.cycle}, macro {@code varargs}/{@code kwargs}, autoescaping.
 */
package dev.nnjit.template;
