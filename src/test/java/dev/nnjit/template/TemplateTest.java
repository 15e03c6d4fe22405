package dev.nnjit.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's constructs one by one, and its errors (position and problem; no hang on malformed templates). */
class TemplateTest {
    private static String render(String template) {
        return render(template, "{}");
    }

    @SuppressWarnings("unchecked")
    private static String render(String template, String variablesJson) {
        return Template.parse(template).render((Map<String, Object>) Template.fromJson(Json.parse(variablesJson)));
    }

    private static TemplateException error(String template) {
        return assertThrows(TemplateException.class, () -> render(template));
    }

    @Test
    void textExpressionsAndComments() {
        assertEquals("a 3 b", render("a {{ 1 + 2 }} {# gone #}b"));
        assertEquals("x", render("x\n"));  // the final newline is dropped
        assertEquals("x\n\n", render("x\n\n\n".substring(0, 3) + "\n"));
    }

    @Test
    void whitespaceControlAndBlockTrimming() {
        assertEquals("ab", render("a  {{- 'b' }}"));
        assertEquals("ab", render("{{ 'a' -}}  \n b"));
        assertEquals("a\nb", render("{% if true %}\na\n{% endif %}\nb"));  // trim_blocks eats the newline after %}
        assertEquals("x\ny\n", render("x\n    {% if true %}\ny\n    {% endif %}"));  // lstrip_blocks
        assertEquals("[1][2]", render("{% for i in [1, 2] -%}\n  [{{ i }}]\n{%- endfor %}"));
        assertEquals("  a", render("  {{ 'a' }}"));  // lstrip_blocks leaves {{ alone
    }

    @Test
    void loops() {
        assertEquals("0:1:true:false:3 1:2:false:false:3 2:3:false:true:3 ",
                render("{% for x in xs %}{{ loop.index0 }}:{{ loop.index }}:{{ loop.first }}:{{ loop.last }}:"
                        + "{{ loop.length }} {% endfor %}", "{\"xs\": [\"a\", \"b\", \"c\"]}"));
        assertEquals("2,4,", render("{% for x in [1, 2, 3, 4] if x is even %}{{ x }},{% endfor %}"));
        assertEquals("cba", render("{% for x in 'abc'[::-1] %}{{ x }}{% endfor %}"));
        assertEquals("empty", render("{% for x in [] %}{{ x }}{% else %}empty{% endfor %}"));
        assertEquals("a=1;b=2;", render("{% for k, v in {'a': 1, 'b': 2}.items() %}{{ k }}={{ v }};{% endfor %}"));
        assertEquals("02", render("{% for i in range(5) %}{% if i == 1 %}{% continue %}{% endif %}"
                + "{% if i == 3 %}{% break %}{% endif %}{{ i }}{% endfor %}"));
        assertEquals("", render("{% for x in missing %}{{ x }}{% endfor %}"));
        assertEquals("outer", render("{% set v = 'outer' %}{% for i in [1] %}{% set v = 'inner' %}{% endfor %}{{ v }}"));
    }

    @Test
    void conditionalsAndSet() {
        assertEquals("b", render("{% if 0 %}a{% elif 'x' %}b{% else %}c{% endif %}"));
        assertEquals("c", render("{% if [] %}a{% elif {} %}b{% else %}c{% endif %}"));
        assertEquals("yes", render("{{ 'yes' if 1 < 2 else 'no' }}"));
        assertEquals("", render("{{ 'yes' if false }}"));
        assertEquals("3", render("{% set ns = namespace(n=0) %}{% for i in [1, 2, 3] %}{% set ns.n = ns.n + 1 %}"
                + "{% endfor %}{{ ns.n }}"));
        assertEquals("1-2", render("{% set a, b = [1, 2] %}{{ a }}-{{ b }}"));
        assertEquals("<b>x</b>", render("{% set s %}<b>{{ 'x' }}</b>{% endset %}{{ s }}"));
    }

    @Test
    void macros() {
        assertEquals("[hi!] [yo?]", render("{% macro m(x, end='!') %}[{{ x }}{{ end }}]{% endmacro %}"
                + "{{ m('hi') }} {{ m('yo', end='?') }}"));
        assertTrue(error("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}").getMessage().contains("nested more than"));
    }

    @Test
    void literalsOperatorsAndTests() {
        assertEquals("[1, \"a\", null, true] {\"k\": [2.5]}", render("{{ [1, 'a', none, true] }} {{ {'k': [2.5]} }}"));
        assertEquals("3 1 -1 2 3.5 1024 a1true", render("{{ 7 // 2 }} {{ 7 % 3 }} {{ -7 // 7 }} {{ -1 % 3 }} {{ 7 / 2 }}"
                + " {{ 2 ** 10 }} {{ 'a' ~ 1 ~ true }}"));
        assertEquals("true false true true", render("{{ 'b' in 'abc' }} {{ 'z' in ['a'] }} {{ 'k' in {'k': 1} }}"
                + " {{ 3 not in [1, 2] }}"));
        assertEquals("true true true false true", render("{{ x is not defined }} {{ none is none }} {{ 's' is string }}"
                + " {{ 1 is string }} {{ 2 is number }}"));
        assertEquals("b a", render("{{ ['a', 'b'][-1] }} {{ {'k': 'a'}['k'] }}"));
        assertEquals("true", render("{{ not false and (true or false) }}"));
    }

    @Test
    void stringMethodsFollowPython() {
        assertEquals("[x]", render("[{{ '\\n\\nx\\n'.strip('\\n') }}]"));
        assertEquals("[  x]", render("[{{ '\\n  x\\n'.strip('\\n') }}]"));  // chars given: only those go
        assertEquals("[a b] [a b ] [ a b]", render("[{{ ' a b '.strip() }}] [{{ ' a b '.lstrip() }}] [{{ ' a b '.rstrip() }}]"));
        assertEquals("[\"a\", \"b,c\"] [\"a\", \"b\"]", render("{{ 'a,b,c'.split(',', 1) | tojson }} {{ ' a  b '.split() | tojson }}"));
        assertEquals("x-y-z true true", render("{{ 'x y z'.replace(' ', '-') }} {{ 'abc'.startswith('ab') }}"
                + " {{ 'abc'.endswith(('x', 'c')) }}"));
        assertEquals("ABC abc", render("{{ 'abc'.upper() }} {{ 'ABC'.lower() }}"));
    }

    @Test
    void filters() {
        assertEquals("x|X|x|3|a,b|a|b|d|Ab cd|Ab Cd", render("{{ ' x ' | trim }}|{{ 'x' | upper }}|{{ 'X' | lower }}|"
                + "{{ [1, 2, 3] | length }}|{{ ['a', 'b'] | join(',') }}|{{ ['a', 'b'] | first }}|{{ ['a', 'b'] | last }}|"
                + "{{ missing | default('d') }}|{{ 'ab cd' | capitalize }}|{{ 'ab cd' | title }}"));
        assertEquals("[[\"a\", 1]] [\"a\", \"b\"] 5 42 a_b",
                render("{{ {'a': 1} | items | tojson }} {{ 'ab' | list | tojson }} {{ 5 | string }} {{ '42' | int }}"
                        + " {{ 'a b' | replace(' ', '_') }}"));
        assertEquals("[\"u\"] [\"s\"] [\"u\", \"s\"]", render("{{ ms | selectattr('role', 'equalto', 'u') | map(attribute='role') | list | tojson }}"
                + " {{ ms | rejectattr('role', 'equalto', 'u') | map(attribute='role') | list | tojson }}"
                + " {{ ms | map(attribute='role') | list | tojson }}", "{\"ms\": [{\"role\": \"u\"}, {\"role\": \"s\"}]}"));
        assertEquals("a\n    b\n\n    c", render("{{ 'a\\nb\\n\\nc' | indent }}"));
        assertEquals("{\"é\": [1, 2]} {\"\\u00e9\": [1, 2]} {\"é\":[1,2]}", render("{{ {'é': [1, 2]} | tojson }} "
                + "{{ {'é': [1, 2]} | tojson(ensure_ascii=true) }} {{ {'é': [1, 2]} | tojson(separators=(',', ':')) }}"));
        assertEquals("{\n  \"a\": [\n    1\n  ]\n}", render("{{ {'a': [1]} | tojson(indent=2) }}"));
    }

    @Test
    void globals() {
        assertEquals("[0, 1, 2] [2, 4]", render("{{ range(3) | tojson }} {{ range(2, 6, 2) | tojson }}"));
        assertEquals("2024-07-26 09:05 Jul July Fri", Template.parse("{{ strftime_now('%Y-%m-%d %H:%M %b %B %a') }}")
                .render(Map.of(), () -> 1_721_984_700_000L));
        TemplateException e = error("\n  {{ raise_exception('roles must alternate') }}");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("roles must alternate"), e.getMessage());
    }

    @Test
    void valuesFromJavaAndJson() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("messages", List.of(Map.of("role", "user", "content", "hi")));
        vars.put("n", 2L);
        assertEquals("user:hi 3", Template.parse("{% for m in messages %}{{ m.role }}:{{ m['content'] }}{% endfor %} {{ n + 1 }}")
                .render(vars));
        assertEquals("int float", render("{{ 'int' if a is integer }} {{ 'float' if b is float }}", "{\"a\": 3, \"b\": 2.5}"));
    }

    @Test
    void syntaxErrorsNameLineAndColumn() {
        TemplateException e = error("line one\n{% for x in xs %}{{ x }}");
        assertEquals(2, e.line());
        assertEquals(1, e.column());
        assertTrue(e.getMessage().contains("endfor"), e.getMessage());
        e = error("{{ 1 + }}");
        assertEquals(1, e.line());
        assertEquals(8, e.column());
        assertTrue(error("{% frobnicate %}").getMessage().contains("unknown statement 'frobnicate'"));
        assertTrue(error("{{ 'abc }}").getMessage().contains("never closed"));
        assertTrue(error("{{ x").getMessage().contains("never closed"));
        assertTrue(error("{% if x %}").getMessage().contains("{% if %} is never closed with {% endif %}"));
        assertTrue(error("{% endif %}").getMessage().contains("without a matching"));
        assertTrue(error("{{ x | nosuchfilter }}").getMessage().contains("unknown filter 'nosuchfilter'"));
        assertTrue(error("{{ x is nosuchtest }}").getMessage().contains("unknown test 'nosuchtest'"));
        assertTrue(error("{{ nosuchfunction() }}").getMessage().contains("'nosuchfunction' is undefined"));
        assertTrue(error("{% set x = 1 %}{% set x.y = 2 %}").getMessage().contains("only of a namespace"));
        assertTrue(error("{{ 1 + none }}").getMessage().contains("cannot apply +"));
        assertTrue(error("{# open").getMessage().contains("comment"));
        assertTrue(error("{{ " + "(".repeat(500) + "1" + ")".repeat(500) + " }}").getMessage().contains("nested"));
    }

    @Test
    void malformedTemplatesFailFastNeverHang() {
        String[] bad = {"{%", "{{", "{{ }}", "{% %}", "{% for %}", "{% for x %}", "{% for x in %}", "{% if %}",
            "{{ [1, 2 }}", "{{ {'a' 1} }}", "{{ a[ }}", "{{ a.( }}", "{% set %}", "{% macro %}", "{% macro m( %}",
            "{{ 'x' | }}", "{{ x is }}", "{% elif x %}", "{% else %}", "{{ a[1:2:3:4] }}", "{{ f(a=1, 2) }}",
            "{% if x %}{% else %}{% else %}{% endif %}", "{%- if -%}", "{{ 1 2 }}", "{% for x in y %}{% endif %}"};
        for (String template : bad) {
            long start = System.nanoTime();
            assertThrows(TemplateException.class, () -> render(template), template);
            assertTrue(System.nanoTime() - start < 1_000_000_000L, template);
        }
    }
}
