package dev.nnjit.tokenizer.regex;

import dev.nnjit.tokenizer.unicode.Unicode;
import java.util.ArrayList;
import java.util.List;

/**
 * A small backtracking regular-expression engine over code points, for the split patterns tokenizers use (GPT-2,
 * Llama 3, Qwen: alternation, classes with {@code \p{L}}/{@code \p{N}}, counted repeats, {@code \s+(?!\S)},
 * {@code (?i:'s|'t)}), with the same answers on the JVM and under TeaVM: character properties come from
 * {@link Unicode}'s tables, never from the platform's regex or Character data.
 *
 * <p>Two dialects. {@link Syntax#TOKENIZER_JSON} reads patterns from tokenizer.json (Oniguruma/Rust syntax) the way
 * Hugging Face's JS port rewrites them: {@code \s} is White_Space, {@code \d} is Nd, {@code \w} is Unicode word
 * characters, {@code .} is anything but "\n", {@code ^}/{@code $} are line anchors, {@code (?i:...)} folds ASCII
 * letters only, {@code (?>...)} and possessive {@code ++} behave as plain groups and greedy repeats.
 * {@link Syntax#JAVASCRIPT} is JavaScript's {@code u}-mode syntax, for the patterns the JS port writes itself:
 * {@code \s} is JS whitespace (with U+FEFF, without U+0085), {@code \d} and {@code \w} are ASCII.
 * Not supported (an error names the position): backreferences, named groups' names, nested class syntax.
 */
public final class Regex {
    public enum Syntax { TOKENIZER_JSON, JAVASCRIPT }

    private final Node root;
    private final String source;

    private Regex(Node root, String source) {
        this.root = root;
        this.source = source;
    }

    public String source() { return source; }

    /** Compiles a pattern; an {@link IllegalArgumentException} says what is wrong and where. */
    public static Regex compile(String pattern, Syntax syntax) {
        Parser p = new Parser(pattern, syntax);
        Node n = p.alternation(false);
        if (p.pos < p.cps.length) throw p.error("unbalanced ')'");
        return new Regex(n, pattern);
    }

    /** A regex matching the literal text. */
    public static Regex literal(String text) {
        int[] cps = text.codePoints().toArray();
        List<Node> seq = new ArrayList<>();
        for (int cp : cps) seq.add(new CharSet(new Item.Range(cp, cp), false));
        return new Regex(new Sequence(seq.toArray(new Node[0])), text);
    }

    /**
     * The leftmost match at or after {@code from} in {@code cps}: {start, end} in code-point indexes, or null.
     */
    public int[] find(int[] cps, int from) {
        Ctx c = new Ctx(cps);
        for (int start = from; start <= cps.length; start++) {
            final int[] end = {-1};
            if (root.match(c, start, j -> { end[0] = j; return true; })) return new int[] {start, end[0]};
        }
        return null;
    }

    /** All matches left to right as {start, end} pairs; after an empty match the search moves one code point on. */
    public List<int[]> findAll(int[] cps) {
        List<int[]> out = new ArrayList<>();
        int from = 0;
        while (from <= cps.length) {
            int[] m = find(cps, from);
            if (m == null) break;
            out.add(m);
            from = m[1] > m[0] ? m[1] : m[1] + 1;
        }
        return out;
    }

    // ---- matching ----

    static final class Ctx {
        final int[] cps;
        Ctx(int[] cps) { this.cps = cps; }
    }

    interface Cont { boolean next(int pos); }

    abstract static class Node {
        abstract boolean match(Ctx c, int pos, Cont k);
    }

    static final class CharSet extends Node {
        final Item item;
        final boolean negated;
        CharSet(Item item, boolean negated) { this.item = item; this.negated = negated; }
        boolean test(int cp) { return item.contains(cp) != negated; }
        @Override boolean match(Ctx c, int pos, Cont k) {
            return pos < c.cps.length && test(c.cps[pos]) && k.next(pos + 1);
        }
    }

    static final class Sequence extends Node {
        final Node[] nodes;
        Sequence(Node[] nodes) { this.nodes = nodes; }
        @Override boolean match(Ctx c, int pos, Cont k) { return from(0, c, pos, k); }
        private boolean from(int i, Ctx c, int pos, Cont k) {
            if (i == nodes.length) return k.next(pos);
            return nodes[i].match(c, pos, j -> from(i + 1, c, j, k));
        }
    }

    static final class Alternation extends Node {
        final Node[] options;
        Alternation(Node[] options) { this.options = options; }
        @Override boolean match(Ctx c, int pos, Cont k) {
            for (Node n : options) if (n.match(c, pos, k)) return true;
            return false;
        }
    }

    static final class Repeat extends Node {
        final Node body;
        final int min, max;
        final boolean greedy;
        Repeat(Node body, int min, int max, boolean greedy) {
            this.body = body; this.min = min; this.max = max; this.greedy = greedy;
        }
        @Override boolean match(Ctx c, int pos, Cont k) {
            if (body instanceof CharSet) {
                // One code point per step: count the run, then try lengths without recursion per character.
                CharSet set = (CharSet) body;
                int run = 0;
                while (run < max && pos + run < c.cps.length && set.test(c.cps[pos + run])) run++;
                if (run < min) return false;
                if (greedy) {
                    for (int n = run; n >= min; n--) if (k.next(pos + n)) return true;
                } else {
                    for (int n = min; n <= run; n++) if (k.next(pos + n)) return true;
                }
                return false;
            }
            return step(0, c, pos, k);
        }
        private boolean step(int count, Ctx c, int pos, Cont k) {
            if (!greedy && count >= min && k.next(pos)) return true;
            if (count < max && body.match(c, pos, j -> j != pos || count < min ? step(count + 1, c, j, k) : false)) {
                return true;
            }
            return greedy && count >= min && k.next(pos);
        }
    }

    static final class Look extends Node {
        final Node body;
        final boolean ahead, negated;
        Look(Node body, boolean ahead, boolean negated) { this.body = body; this.ahead = ahead; this.negated = negated; }
        @Override boolean match(Ctx c, int pos, Cont k) {
            boolean found = false;
            if (ahead) {
                found = body.match(c, pos, j -> true);
            } else {
                for (int s = pos; s >= 0 && !found; s--) found = body.match(c, s, j -> j == pos);
            }
            return found != negated && k.next(pos);
        }
    }

    static final class Anchor extends Node {
        final char kind; // '^' line start, '$' line end, 'A' text start, 'z' text end, 'Z' end before final \n,
                         // 'b'/'B' word boundary or not
        final Item word;
        Anchor(char kind, Item word) { this.kind = kind; this.word = word; }
        @Override boolean match(Ctx c, int pos, Cont k) {
            int n = c.cps.length;
            boolean ok;
            switch (kind) {
                case '^': ok = pos == 0 || c.cps[pos - 1] == '\n'; break;
                case '$': ok = pos == n || c.cps[pos] == '\n'; break;
                case 'A': ok = pos == 0; break;
                case 'z': ok = pos == n; break;
                case 'Z': ok = pos == n || (pos == n - 1 && c.cps[pos] == '\n'); break;
                default:
                    boolean before = pos > 0 && word.contains(c.cps[pos - 1]);
                    boolean after = pos < n && word.contains(c.cps[pos]);
                    ok = (before != after) == (kind == 'b');
            }
            return ok && k.next(pos);
        }
    }

    // ---- character sets ----

    /** A set of code points. */
    abstract static class Item {
        abstract boolean contains(int cp);

        static final class Range extends Item {
            final int lo, hi;
            Range(int lo, int hi) { this.lo = lo; this.hi = hi; }
            @Override boolean contains(int cp) { return cp >= lo && cp <= hi; }
        }

        static final class Categories extends Item {
            final int mask;
            Categories(int mask) { this.mask = mask; }
            @Override boolean contains(int cp) { return Unicode.inCategories(cp, mask); }
        }

        static final class Named extends Item {
            final String name; // "White_Space", "JsSpace", "Any"
            Named(String name) { this.name = name; }
            @Override boolean contains(int cp) {
                switch (name) {
                    case "White_Space": return Unicode.isWhiteSpace(cp);
                    case "JsSpace": return Unicode.isJsWhitespace(cp);
                    default: return true;
                }
            }
        }

        static final class Not extends Item {
            final Item inner;
            Not(Item inner) { this.inner = inner; }
            @Override boolean contains(int cp) { return !inner.contains(cp); }
        }

        static final class Union extends Item {
            final Item[] items;
            Union(List<Item> items) { this.items = items.toArray(new Item[0]); }
            @Override boolean contains(int cp) {
                for (Item i : items) if (i.contains(cp)) return true;
                return false;
            }
        }
    }

    /** Unicode word characters as the JS port defines Rust's {@code \w}: Alphabetic (approximated by L, Nl and the
     * circled letters), M, Nd, Pc, and the superscript digits and vulgar fractions it adds. */
    static Item unicodeWord() {
        List<Item> items = new ArrayList<>();
        items.add(new Item.Categories(Unicode.categoryMask("L") | Unicode.categoryMask("Nl") | Unicode.categoryMask("M")
                | Unicode.categoryMask("Nd") | Unicode.categoryMask("Pc")));
        items.add(new Item.Range(0xB2, 0xB3));
        items.add(new Item.Range(0xB9, 0xB9));
        items.add(new Item.Range(0xBC, 0xBE));
        items.add(new Item.Range(0x24B6, 0x24E9));
        return new Item.Union(items);
    }

    static Item asciiWord() {
        List<Item> items = new ArrayList<>();
        items.add(new Item.Range('a', 'z'));
        items.add(new Item.Range('A', 'Z'));
        items.add(new Item.Range('0', '9'));
        items.add(new Item.Range('_', '_'));
        return new Item.Union(items);
    }

    // ---- parsing ----

    static final class Parser {
        final int[] cps;
        final Syntax syntax;
        final String source;
        int pos;
        boolean fold;

        Parser(String source, Syntax syntax) {
            this.source = source;
            this.cps = source.codePoints().toArray();
            this.syntax = syntax;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("regex /" + source + "/: " + what + " at code point " + pos);
        }

        boolean at(char c) { return pos < cps.length && cps[pos] == c; }

        boolean startsWith(String s) {
            if (pos + s.length() > cps.length) return false;
            for (int i = 0; i < s.length(); i++) if (cps[pos + i] != s.charAt(i)) return false;
            return true;
        }

        Node alternation(boolean inGroup) {
            List<Node> options = new ArrayList<>();
            options.add(sequence());
            while (at('|')) { pos++; options.add(sequence()); }
            if (inGroup) {
                if (!at(')')) throw error("missing ')'");
                pos++;
            }
            return options.size() == 1 ? options.get(0) : new Alternation(options.toArray(new Node[0]));
        }

        Node sequence() {
            List<Node> nodes = new ArrayList<>();
            while (pos < cps.length && !at('|') && !at(')')) {
                Node atom = atom();
                if (atom == null) continue;
                nodes.add(quantified(atom));
            }
            return nodes.size() == 1 ? nodes.get(0) : new Sequence(nodes.toArray(new Node[0]));
        }

        Node quantified(Node atom) {
            while (true) {
                int min, max;
                if (at('*')) { min = 0; max = Integer.MAX_VALUE; pos++; }
                else if (at('+')) { min = 1; max = Integer.MAX_VALUE; pos++; }
                else if (at('?')) { min = 0; max = 1; pos++; }
                else if (at('{') && braceQuantifier()) {
                    pos++;
                    int a = number();
                    min = a < 0 ? 0 : a;
                    max = min;
                    if (at(',')) { pos++; int b = number(); max = b < 0 ? Integer.MAX_VALUE : b; }
                    pos++; // '}'
                    if (max < min) throw error("repeat {" + min + "," + max + "} out of order");
                } else {
                    return atom;
                }
                boolean greedy = true;
                if (at('?')) { greedy = false; pos++; }
                else if (at('+') && syntax == Syntax.TOKENIZER_JSON) pos++; // possessive: greedy, as the JS port
                atom = new Repeat(atom, min, max, greedy);
            }
        }

        boolean braceQuantifier() {
            int p = pos + 1;
            boolean digits = false, comma = false;
            while (p < cps.length && cps[p] != '}') {
                if (cps[p] >= '0' && cps[p] <= '9') digits = true;
                else if (cps[p] == ',' && !comma) comma = true;
                else return false;
                p++;
            }
            return p < cps.length && digits;
        }

        int number() {
            int v = -1;
            while (pos < cps.length && cps[pos] >= '0' && cps[pos] <= '9') {
                v = (v < 0 ? 0 : v * 10) + (cps[pos++] - '0');
            }
            return v;
        }

        Node atom() {
            int c = cps[pos];
            switch (c) {
                case '(': return group();
                case '[': return new CharSet(charClass(), false);
                case '.':
                    pos++;
                    if (syntax == Syntax.JAVASCRIPT) {
                        List<Item> lt = new ArrayList<>();
                        lt.add(new Item.Range('\n', '\n'));
                        lt.add(new Item.Range('\r', '\r'));
                        lt.add(new Item.Range(0x2028, 0x2029));
                        return new CharSet(new Item.Union(lt), true);
                    }
                    return new CharSet(new Item.Range('\n', '\n'), true);
                case '^': pos++; return new Anchor(syntax == Syntax.JAVASCRIPT ? 'A' : '^', null);
                case '$': pos++; return new Anchor(syntax == Syntax.JAVASCRIPT ? 'z' : '$', null);
                case '*': case '+': case '?': throw error("nothing to repeat");
                case '\\': return escape();
                default:
                    pos++;
                    return literal(c);
            }
        }

        Node literal(int c) {
            if (fold && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                List<Item> both = new ArrayList<>();
                both.add(new Item.Range(Character.toLowerCase(c), Character.toLowerCase(c)));
                both.add(new Item.Range(Character.toUpperCase(c), Character.toUpperCase(c)));
                return new CharSet(new Item.Union(both), false);
            }
            return new CharSet(new Item.Range(c, c), false);
        }

        Node group() {
            pos++;
            boolean savedFold = fold;
            Node n;
            if (startsWith("?:") || startsWith("?>")) { pos += 2; n = alternation(true); }
            else if (startsWith("?i:")) { pos += 3; fold = true; n = alternation(true); }
            else if (startsWith("?=")) { pos += 2; n = new Look(alternation(true), true, false); }
            else if (startsWith("?!")) { pos += 2; n = new Look(alternation(true), true, true); }
            else if (startsWith("?<=")) { pos += 3; n = new Look(alternation(true), false, false); }
            else if (startsWith("?<!")) { pos += 3; n = new Look(alternation(true), false, true); }
            else if (startsWith("?<")) {
                while (pos < cps.length && cps[pos] != '>') pos++;
                pos++;
                n = alternation(true);
            } else if (at('?')) {
                throw error("unsupported group syntax");
            } else {
                n = alternation(true);
            }
            fold = savedFold;
            return n;
        }

        /** A class escape or shorthand as an Item; null when the escape is a single code point (left in pos). */
        Item shorthand(int e) {
            boolean js = syntax == Syntax.JAVASCRIPT;
            switch (e) {
                case 's': return new Item.Named(js ? "JsSpace" : "White_Space");
                case 'S': return new Item.Not(new Item.Named(js ? "JsSpace" : "White_Space"));
                case 'd': return js ? new Item.Range('0', '9') : new Item.Categories(1 << Unicode.ND);
                case 'D': return new Item.Not(js ? new Item.Range('0', '9') : new Item.Categories(1 << Unicode.ND));
                case 'w': return js ? asciiWord() : unicodeWord();
                case 'W': return new Item.Not(js ? asciiWord() : unicodeWord());
                case 'h': if (!js) return hex(); return null;
                case 'H': if (!js) return new Item.Not(hex()); return null;
                case 'p': case 'P': {
                    String name;
                    if (at('{')) {
                        int close = pos;
                        while (close < cps.length && cps[close] != '}') close++;
                        if (close == cps.length) throw error("unterminated \\p{");
                        name = new String(cps, pos + 1, close - pos - 1);
                        pos = close + 1;
                    } else if (pos < cps.length) {
                        name = new String(cps, pos, 1);
                        pos++;
                    } else {
                        throw error("incomplete \\p");
                    }
                    Item item = property(name);
                    return e == 'P' ? new Item.Not(item) : item;
                }
                default: return null;
            }
        }

        static Item hex() {
            List<Item> items = new ArrayList<>();
            items.add(new Item.Range('0', '9'));
            items.add(new Item.Range('a', 'f'));
            items.add(new Item.Range('A', 'F'));
            return new Item.Union(items);
        }

        Item property(String name) {
            String n = name;
            int eq = n.indexOf('=');
            if (eq >= 0) n = n.substring(eq + 1);
            switch (n) {
                case "White_Space": case "space": return new Item.Named("White_Space");
                case "Any": return new Item.Named("Any");
                case "Alphabetic": case "Alpha":
                    return new Item.Categories(Unicode.categoryMask("L") | Unicode.categoryMask("Nl"));
                case "Letter": n = "L"; break;
                case "Number": n = "N"; break;
                case "Punctuation": n = "P"; break;
                case "Symbol": n = "S"; break;
                case "Mark": n = "M"; break;
                case "Separator": n = "Z"; break;
                case "Other": n = "C"; break;
                default: break;
            }
            int mask = Unicode.categoryMask(n);
            if (mask < 0) throw error("unsupported property \\p{" + name + "}");
            return new Item.Categories(mask);
        }

        Node escape() {
            pos++;
            if (pos >= cps.length) throw error("trailing backslash");
            int e = cps[pos++];
            boolean js = syntax == Syntax.JAVASCRIPT;
            switch (e) {
                case 'b': return new Anchor('b', js ? asciiWord() : unicodeWord());
                case 'B': return new Anchor('B', js ? asciiWord() : unicodeWord());
                case 'A': if (!js) return new Anchor('A', null); break;
                case 'z': if (!js) return new Anchor('z', null); break;
                case 'Z': if (!js) return new Anchor('Z', null); break;
                case 'G': if (!js) return null; break;
                default: break;
            }
            Item item = shorthand(e);
            if (item != null) return new CharSet(item, false);
            return literal(escapedCodePoint(e));
        }

        /** The code point of a single-character escape whose letter {@code e} was just read. */
        int escapedCodePoint(int e) {
            switch (e) {
                case 'n': return '\n';
                case 'r': return '\r';
                case 't': return '\t';
                case 'f': return '\f';
                case 'v': return 0x0B;
                case 'a': return 7;
                case 'e': return 0x1B;
                case '0': return 0;
                case 'x':
                    if (at('{')) return bracedHex();
                    return fixedHex(2);
                case 'u':
                    if (at('{')) return bracedHex();
                    return fixedHex(4);
                case 'c':
                    if (pos < cps.length) return cps[pos++] % 32;
                    throw error("incomplete \\c");
                default:
                    if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || (e >= '1' && e <= '9')) {
                        throw error("unsupported escape \\" + (char) e);
                    }
                    return e;
            }
        }

        int bracedHex() {
            int close = pos;
            while (close < cps.length && cps[close] != '}') close++;
            if (close == cps.length) throw error("unterminated \\x{");
            int v = parseHex(pos + 1, close);
            pos = close + 1;
            return v;
        }

        int fixedHex(int digits) {
            if (pos + digits > cps.length) throw error("incomplete hex escape");
            int v = parseHex(pos, pos + digits);
            pos += digits;
            return v;
        }

        int parseHex(int from, int to) {
            if (to <= from || to - from > 6) throw error("bad hex escape");
            int v = 0;
            for (int i = from; i < to; i++) {
                int d = Character.digit(cps[i], 16);
                if (d < 0 || cps[i] > 'f') throw error("bad hex digit");
                v = v * 16 + d;
            }
            if (v > 0x10FFFF) throw error("code point out of range");
            return v;
        }

        Item charClass() {
            int start = pos;
            pos++; // '['
            boolean negated = false;
            if (at('^')) { negated = true; pos++; }
            List<Item> items = new ArrayList<>();
            boolean first = true;
            while (true) {
                if (pos >= cps.length) { pos = start; throw error("unterminated character class"); }
                int c = cps[pos];
                if (c == ']' && !(first && syntax == Syntax.TOKENIZER_JSON)) { pos++; break; }
                first = false;
                if (c == '[' && syntax == Syntax.TOKENIZER_JSON && startsWith("[:")) {
                    throw error("POSIX bracket classes are not supported");
                }
                int lo;
                if (c == '\\') {
                    pos++;
                    if (pos >= cps.length) throw error("trailing backslash");
                    int e = cps[pos++];
                    if (e == 'b') { lo = 8; }
                    else {
                        Item sh = shorthand(e);
                        if (sh != null) { items.add(sh); continue; }
                        lo = escapedCodePoint(e);
                    }
                } else {
                    lo = c;
                    pos++;
                }
                int hi = lo;
                if (at('-') && pos + 1 < cps.length && cps[pos + 1] != ']') {
                    pos++;
                    int h = cps[pos];
                    if (h == '\\') {
                        pos++;
                        int e = cps[pos++];
                        if (shorthandLetter(e)) throw error("range with a class shorthand");
                        hi = escapedCodePoint(e);
                    } else {
                        hi = h;
                        pos++;
                    }
                    if (hi < lo) throw error("range out of order");
                }
                addRange(items, lo, hi);
            }
            Item u = new Item.Union(items);
            return negated ? new Item.Not(u) : u;
        }

        boolean shorthandLetter(int e) {
            return e == 's' || e == 'S' || e == 'd' || e == 'D' || e == 'w' || e == 'W' || e == 'p' || e == 'P';
        }

        void addRange(List<Item> items, int lo, int hi) {
            items.add(new Item.Range(lo, hi));
            if (fold) {
                for (int c = Math.max(lo, 'A'); c <= Math.min(hi, 'z'); c++) {
                    if (c >= 'a' && c <= 'z') items.add(new Item.Range(c - 32, c - 32));
                    else if (c >= 'A' && c <= 'Z') items.add(new Item.Range(c + 32, c + 32));
                }
            }
        }
    }
}
