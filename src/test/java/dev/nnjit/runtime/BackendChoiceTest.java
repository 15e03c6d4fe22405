package dev.nnjit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.runtime.BackendChoice.Trial;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The auto backend's rule on fake timings: who is timed again, who wins, and what the reason says. */
class BackendChoiceTest {
    @Test void fasterTimedRunWins() {
        BackendChoice c = BackendChoice.choose(List.of(
                Trial.firstRun("webgpu", 2300).timed(1700), Trial.firstRun("wasm-simd", 1200).timed(1100)));
        assertEquals("wasm-simd", c.chosen());
        assertEquals(Map.of("webgpu", 1700.0, "wasm-simd", 1100.0), c.timesMs());
        assertEquals(List.of("webgpu", "wasm-simd"), c.candidates());
        assertTrue(c.failures().isEmpty());
        assertEquals("wasm-simd was faster on the first feeds: 1100 ms vs webgpu 1700 ms (second runs)", c.reason());
    }

    @Test void timedRunDecidesEvenWhenTheFirstRunsSaidOtherwise() {
        BackendChoice c = BackendChoice.choose(List.of(
                Trial.firstRun("webgpu", 900).timed(40.5), Trial.firstRun("wasm-simd", 300).timed(280)));
        assertEquals("webgpu", c.chosen());
        assertTrue(c.reason().startsWith("webgpu was faster on the first feeds: 40.5 ms vs wasm-simd 280 ms"), c.reason());
    }

    @Test void tieGoesToTheEarlierCandidate() {
        BackendChoice c = BackendChoice.choose(List.of(
                Trial.firstRun("webgpu", 10).timed(5), Trial.firstRun("wasm-simd", 10).timed(5)));
        assertEquals("webgpu", c.chosen());
    }

    @Test void closeFirstRunsAreTimedAgain() {
        assertEquals(List.of("webgpu", "wasm-simd"),
                BackendChoice.toTime(List.of(Trial.firstRun("webgpu", 2500), Trial.firstRun("wasm-simd", 1000))));
    }

    @Test void aClearLossIsNotTimedAgainAndTheFirstRunsDecide() {
        List<Trial> first = List.of(Trial.firstRun("webgpu", 3100), Trial.firstRun("wasm-simd", 1000));
        assertEquals(List.of(), BackendChoice.toTime(first));
        BackendChoice c = BackendChoice.choose(first);
        assertEquals("wasm-simd", c.chosen());
        assertTrue(c.reason().endsWith("(first runs, compile excluded: the others lost clearly)"), c.reason());
    }

    @Test void oneFailedTheOtherIsUsedAndTheReasonSaysWhy() {
        List<Trial> trials = List.of(Trial.failed("webgpu", "WebGPU is not available here (no navigator.gpu)"),
                Trial.firstRun("wasm-simd", 12));
        assertEquals(List.of(), BackendChoice.toTime(trials), "a single candidate is not timed again");
        BackendChoice c = BackendChoice.choose(trials);
        assertEquals("wasm-simd", c.chosen());
        assertEquals(Map.of("wasm-simd", 12.0), c.timesMs());
        assertEquals(Map.of("webgpu", "WebGPU is not available here (no navigator.gpu)"), c.failures());
        assertEquals("wasm-simd is the only candidate that ran (webgpu: WebGPU is not available here (no navigator.gpu))",
                c.reason());
    }

    @Test void theOnlyCandidateThatLoadedIsKeptBeforeAnyRun() {
        BackendChoice c = BackendChoice.choose(List.of(Trial.failed("webgpu", "no WebGPU adapter was offered"),
                new Trial("wasm-simd", null, Double.NaN, Double.NaN)));
        assertEquals("wasm-simd", c.chosen());
        assertEquals(Map.of(), c.timesMs());
        assertEquals(Map.of("webgpu", "no WebGPU adapter was offered"), c.failures());
        assertEquals("wasm-simd is the only candidate that loaded (webgpu: no WebGPU adapter was offered)", c.reason());
    }

    @Test void twoLoadedCandidatesNeedARunToChoose() {
        assertThrows(BackendChoiceException.class, () -> BackendChoice.choose(List.of(
                new Trial("webgpu", null, Double.NaN, Double.NaN), new Trial("wasm-simd", null, Double.NaN, Double.NaN))));
    }

    @Test void withoutFeedsThePreferredLoadedCandidateIsKept() {
        BackendChoice c = BackendChoice.withoutMeasuring(List.of(new Trial("webgpu", null, Double.NaN, Double.NaN),
                new Trial("wasm-simd", null, Double.NaN, Double.NaN)), "generation came before any run");
        assertEquals("webgpu", c.chosen());
        assertEquals("webgpu kept without measuring: generation came before any run", c.reason());
    }

    @Test void bothFailedNamesBothFailures() {
        BackendChoiceException e = assertThrows(BackendChoiceException.class, () -> BackendChoice.choose(List.of(
                Trial.failed("webgpu", "node 'x' (Foo): no WebGPU lowering"),
                Trial.failed("wasm-simd", "out of memory"))));
        assertEquals("no backend could run the model: webgpu: node 'x' (Foo): no WebGPU lowering; wasm-simd: out of memory",
                e.getMessage());
    }

    @Test void jsonRoundTrip() {
        List<Trial> trials = BackendChoice.trialsFromJson(
                "[{\"backend\":\"webgpu\",\"failure\":\"device lost\"},"
                        + "{\"backend\":\"wasm-simd\",\"firstRunMs\":3.25,\"timedRunMs\":2.5}]");
        assertEquals(List.of(Trial.failed("webgpu", "device lost"), Trial.firstRun("wasm-simd", 3.25).timed(2.5)), trials);
        assertEquals("{\"chosen\":\"wasm-simd\",\"reason\":\"wasm-simd is the only candidate that ran (webgpu: device lost)\","
                        + "\"timesMs\":{\"wasm-simd\":2.5},\"candidates\":[\"webgpu\",\"wasm-simd\"],"
                        + "\"failures\":{\"webgpu\":\"device lost\"}}",
                BackendChoice.choose(trials).toJson());
    }
}
