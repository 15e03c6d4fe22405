package dev.nnjit.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole-program check of a tuning session's winners: the verdict, the runs it may afford, its JSON form. */
class ModelCheckTest {

    @Test
    void winnersStayUnlessTheTunedProgramIsClearlySlower() {
        assertTrue(ModelCheck.keeps(10, 8));
        assertTrue(ModelCheck.keeps(10, 10.9), "within run-to-run noise: kept");
        assertFalse(ModelCheck.keeps(9.1, 16.9), "llama2-2l on the H100: 1.9x slower");
        assertFalse(ModelCheck.keeps(10, 11.1));
    }

    @Test
    void verdictUsesMediansAndNamesWhatItTookBack() {
        List<String> changed = List.of("matmul|m16n2048k2048", "reduce|mean_16/2048");
        ModelCheck slower = ModelCheck.of(new double[] {9.0, 9.2, 30.0}, new double[] {16.0, 17.0, 5.0}, changed);
        assertEquals(9.2, slower.untunedMs());
        assertEquals(16.0, slower.tunedMs());
        assertEquals(3, slower.pairs());
        assertFalse(slower.kept());
        assertEquals(changed, slower.reverted());
        assertTrue(slower.note().contains("1.74x slower"), slower.note());

        ModelCheck faster = ModelCheck.of(new double[] {16.0, 17.0}, new double[] {9.0, 9.2}, changed);
        assertTrue(faster.kept());
        assertEquals(List.of(), faster.reverted(), "nothing is taken back when the winners stay");
    }

    @Test
    void pairsFitWhatTheBudgetLeavesOrATenthOfIt() {
        assertEquals(3, ModelCheck.pairsFor(30000, 20000, 10), "a 10 ms GPU model: the most pairs");
        assertEquals(3, ModelCheck.pairsFor(30000, 30900, 10), "budget overrun: a tenth of it (3 s) still allows 3");
        assertEquals(1, ModelCheck.pairsFor(30000, 30000, 1300), "MiniLM on SwiftShader: 3 s for 1.3 s runs");
        assertEquals(0, ModelCheck.pairsFor(30000, 30000, 1800), "bert-base on SwiftShader: no pair fits");
        assertEquals(2, ModelCheck.pairsFor(30000, 20000, 2000), "10 s left");
        assertEquals(3, ModelCheck.pairsFor(30000, 0, Double.NaN), "no run timed yet: assume cheap");
    }

    @Test
    void reportCarriesTheCheckThroughJson() {
        ModelCheck c = new ModelCheck(9.06, 16.94, 3, false, List.of("matmul|p"), "slower");
        TuningReport r = new TuningReport(30000, 29869, 0, List.of()).withModelCheck(c);
        TuningReport back = TuningJson.readReport(TuningJson.writeReport(r));
        assertEquals(c, back.modelCheck());
        assertEquals(null, TuningJson.readReport(TuningJson.writeReport(new TuningReport(1, 2, 0, List.of())))
                .modelCheck(), "no check made: none written, none read");

        ModelCheck skipped = ModelCheck.notChecked("a run costs more than the budget leaves");
        ModelCheck skippedBack = TuningJson.readReport(TuningJson.writeReport(r.withModelCheck(skipped))).modelCheck();
        assertTrue(skippedBack.kept());
        assertTrue(Double.isNaN(skippedBack.untunedMs()));
        assertEquals(skipped.note(), skippedBack.note());
    }
}
