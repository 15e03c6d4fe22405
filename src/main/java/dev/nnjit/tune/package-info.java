/**
 * Choosing kernel schedules, and (browser side) tuning them on the user's device. Pure Java over {@code codegen}
 * and {@code schedule}, tested on the JVM: a {@link dev.nnjit.tune.TuningSite} is one problem with its candidate
 * schedules (index 0 the default), built for every kernel problem by {@link dev.nnjit.tune.TuningSites} (where
 * lowerings get every schedule space from), and a {@link dev.nnjit.tune.ScheduleChooser} is the one seam where
 * a lowering's schedule is picked.
 */
package dev.nnjit.tune;
