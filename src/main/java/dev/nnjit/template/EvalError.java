package dev.nnjit.template;

/**
 * A render-time problem found by a builtin, which does not know where in the template it was called: the
 * {@link Interpreter} turns it into a {@link TemplateException} at the position of the node being evaluated.
 */
final class EvalError extends RuntimeException {
    EvalError(String message) {
        super(message);
    }
}
