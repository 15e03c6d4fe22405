package dev.nnjit.tokenizer;

import dev.nnjit.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Post-processors ("post_processor"): add special tokens and type ids around one sequence or a pair.
 * TemplateProcessing, BertProcessing, RobertaProcessing, ByteLevel (tokens unchanged) and Sequence.
 */
final class PostProcessors {
    private PostProcessors() {}

    /** Tokens with their type ids and whether each was added here (a special token). */
    static final class Processed {
        final List<String> tokens = new ArrayList<>();
        final List<Integer> typeIds = new ArrayList<>();
        final List<Boolean> special = new ArrayList<>();

        void add(String token, int typeId, boolean isSpecial) {
            tokens.add(token); typeIds.add(typeId); special.add(isSpecial);
        }

        void addAll(Processed other) {
            tokens.addAll(other.tokens); typeIds.addAll(other.typeIds); special.addAll(other.special);
        }

        static Processed of(List<String> tokens, int typeId) {
            Processed p = new Processed();
            for (String t : tokens) p.add(t, typeId, false);
            return p;
        }
    }

    interface PostProcessor { Processed process(Processed a, Processed b); }

    /** No post-processor: the sequences one after the other. */
    static Processed concatenate(Processed a, Processed b) {
        Processed out = new Processed();
        out.addAll(a);
        if (b != null) for (int i = 0; i < b.tokens.size(); i++) out.add(b.tokens.get(i), 1, b.special.get(i));
        return out;
    }

    static PostProcessor read(JsonObject config) {
        if (config == null) return null;
        String type = config.string("type");
        switch (type) {
            case "TemplateProcessing": {
                List<Object> single = config.array("single");
                List<Object> pair = config.array("pair");
                String path = config.path();
                check(single, path + ".single");
                check(pair, path + ".pair");
                return (a, b) -> template(b == null ? single : pair, b == null ? path + ".single" : path + ".pair", a, b);
            }
            case "BertProcessing":
            case "RobertaProcessing": {
                String cls = specialName(config, "cls");
                String sep = specialName(config, "sep");
                boolean roberta = type.equals("RobertaProcessing");
                return (a, b) -> {
                    Processed out = new Processed();
                    out.add(cls, 0, true);
                    for (int i = 0; i < a.tokens.size(); i++) out.add(a.tokens.get(i), 0, a.special.get(i));
                    out.add(sep, 0, true);
                    if (b != null) {
                        if (roberta) out.add(sep, 1, true);
                        for (int i = 0; i < b.tokens.size(); i++) out.add(b.tokens.get(i), 1, b.special.get(i));
                        out.add(sep, 1, true);
                    }
                    return out;
                };
            }
            case "ByteLevel":
                return PostProcessors::concatenate;
            case "Sequence": {
                List<Object> items = config.array("processors");
                List<PostProcessor> list = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    list.add(read(JsonObject.element(items, i, config.path() + ".processors")));
                }
                return (a, b) -> {
                    Processed current = a;
                    Processed pair = b;
                    for (PostProcessor p : list) {
                        current = p.process(current, pair);
                        pair = null;
                    }
                    return pair == null ? current : concatenate(current, pair);
                };
            }
            default:
                throw new TokenizerException(config.path() + ".type: unknown post-processor type \"" + type + "\"");
        }
    }

    private static String specialName(JsonObject config, String key) {
        List<Object> v = config.array(key);
        if (v.size() != 2 || !(v.get(0) instanceof String)) {
            throw new TokenizerException(config.path() + "." + key + ": expected [token, id]");
        }
        return (String) v.get(0);
    }

    private static void check(List<Object> items, String path) {
        for (int i = 0; i < items.size(); i++) {
            JsonObject item = JsonObject.element(items, i, path);
            if (item.has("SpecialToken")) item.object("SpecialToken").string("id");
            else if (item.has("Sequence")) {
                String id = item.object("Sequence").string("id");
                if (!id.equals("A") && !id.equals("B")) {
                    throw new TokenizerException(item.path() + ".Sequence.id: expected \"A\" or \"B\", found \"" + id + "\"");
                }
            } else throw new TokenizerException(item.path() + ": expected a SpecialToken or a Sequence");
        }
    }

    private static Processed template(List<Object> items, String path, Processed a, Processed b) {
        Processed out = new Processed();
        for (int i = 0; i < items.size(); i++) {
            JsonObject item = JsonObject.element(items, i, path);
            if (item.has("SpecialToken")) {
                JsonObject s = item.object("SpecialToken");
                out.add(s.string("id"), s.integer("type_id", 0), true);
            } else {
                JsonObject s = item.object("Sequence");
                Processed seq = s.string("id").equals("A") ? a : b;
                int typeId = s.integer("type_id", 0);
                if (seq != null) for (int k = 0; k < seq.tokens.size(); k++) out.add(seq.tokens.get(k), typeId, seq.special.get(k));
            }
        }
        return out;
    }
}
