/**
 * Choosing kernel schedules, and (browser side) tuning them on the user's device. Pure Java over {@code codegen}
 * and {@code schedule}, tested on the JVM: a {@link dev.nnjit.tune.TuningSite} is one problem with its candidate
 * schedules (index 0 the default), built for every kernel problem by {@link dev.nnjit.tune.TuningSites} (where
 * lowerings get every schedule space from), and a {@link dev.nnjit.tune.ScheduleChooser} is the one seam where
 * a lowering's schedule is picked.
 *
 * <p>The tuner's core, browser-independent: {@link dev.nnjit.tune.TaskPlanner} groups a profiled run's sites into
 * weighted {@link dev.nnjit.tune.Workload}s; {@link dev.nnjit.tune.Tuner} searches them under a
 * {@link dev.nnjit.tune.TuningBudget}, one bench action per step, through a {@link dev.nnjit.tune.CandidateBench}
 * and {@link dev.nnjit.tune.TuneClock} (implemented on WebGPU in the page, faked in tests), validating winners
 * against the default's output ({@link dev.nnjit.tune.SiteTolerance}); decisions (never code) go to a
 * {@link dev.nnjit.tune.TuningCache} as {@link dev.nnjit.tune.TuningRecord}s that go stale by themselves when the
 * candidate set or a generator's WGSL changes; {@link dev.nnjit.tune.CachedScheduleChooser} replays them.
 *
 * <p>Browser side: {@code tune.measure} is the one measuring mechanism ({@code GpuCandidateBench}: seeded buffers,
 * legality check, async pipeline creation, timestamp or submission timing of R dispatches per sample, NaN-filled
 * outputs for validation; {@code BrowserClock}), used by the tuner and the kernel workbench alike. The WebGPU
 * executable ({@code runtime.webgpu}) runs tuning sessions as a {@code runtime.Tunable}.
 */
package dev.nnjit.tune;
