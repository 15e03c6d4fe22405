package dev.nnjit.template;

/** The value of a missing variable, attribute, key or index: falsy, renders as nothing, {@code is not defined}. */
final class Undefined {
    static final Undefined VALUE = new Undefined();

    private Undefined() {}

    @Override
    public String toString() { return ""; }
}
