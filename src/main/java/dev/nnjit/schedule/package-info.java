/**
 * Schedule spaces as data. Per kernel family an immutable config record ({@link dev.nnjit.schedule.MatmulConfig},
 * {@link dev.nnjit.schedule.GemvConfig}, {@link dev.nnjit.schedule.ElementwiseConfig},
 * {@link dev.nnjit.schedule.ReductionConfig}) whose {@code key()} encodes every component, and a space class
 * whose {@code candidates(...)} lists the legal configs for a problem with index 0 the safe default. Legality
 * ({@link dev.nnjit.schedule.Legality}) is a set of pure functions of plain numbers and an
 * {@link dev.nnjit.schedule.AdapterLimits}.
 */
package dev.nnjit.schedule;
