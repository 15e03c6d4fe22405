package dev.nnjit.template;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A parsed Jinja template, rendered with transformers' chat-template settings (trim_blocks, lstrip_blocks, no
 * trailing newline; see {@link Lexer}). Parse once, render many times; a render never mutates the template.
 *
 * <pre>
 *   Template t = Template.parse(chatTemplateSource);           // TemplateException when malformed
 *   String prompt = t.render(Map.of("messages", messages, "add_generation_prompt", true));
 * </pre>
 *
 * Variables are template values (see {@link #fromJson}): String, Long, Double, Boolean, null, List, Map.
 */
public final class Template {
    private final String source;
    private final List<Node> body;

    private Template(String source, List<Node> body) {
        this.source = source;
        this.body = body;
    }

    /** Parses {@code source}; a {@link TemplateException} (line, column, problem) when it is not a valid template. */
    public static Template parse(String source) {
        return new Template(source, Parser.parse(source));
    }

    /** Renders with {@code variables}; strftime_now reads the system clock. */
    public String render(Map<String, ?> variables) {
        return render(variables, System::currentTimeMillis);
    }

    /** Renders with {@code variables} and {@code clock} (epoch milliseconds) for strftime_now. */
    public String render(Map<String, ?> variables, LongSupplier clock) {
        Scope globals = new Scope(null);
        Globals.install(globals, clock);
        Scope scope = new Scope(globals);
        for (Map.Entry<String, ?> e : variables.entrySet()) scope.set(e.getKey(), e.getValue());
        try {
            return new Interpreter(source).render(body, scope);
        } catch (StackOverflowError e) {
            throw TemplateException.at(source, 0, "the template recursed too deeply");
        } catch (RuntimeException e) {
            if (e instanceof TemplateException) throw e;
            if (e.getClass().getSimpleName().endsWith("Signal")) {
                throw TemplateException.at(source, 0, e.getMessage());
            }
            throw e;
        }
    }

    /**
     * Parsed JSON ({@code dev.nnjit.json.Json.parse}: maps, lists, strings, doubles, booleans, null) as template
     * values: whole numbers become integers, as transformers.js passes JavaScript numbers.
     */
    public static Object fromJson(Object json) {
        return Values.fromJson(json);
    }
}
