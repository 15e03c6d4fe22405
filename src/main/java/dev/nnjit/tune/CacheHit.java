package dev.nnjit.tune;

/** A valid stored decision for a site, and which layer it came from ({@link DecisionSource#CACHE} or SHIPPED). */
public record CacheHit(TuningRecord record, DecisionSource source) {}
