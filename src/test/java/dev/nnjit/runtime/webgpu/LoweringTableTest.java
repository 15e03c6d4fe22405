package dev.nnjit.runtime.webgpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.ops.OpRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The lowering table: a second lowering of an op fails (naming the op), the four deliberate wrappers (Pow, Cast,
 * LayerNormalization, Dropout) compose with their base whatever the registration order, and every op of the CPU
 * registry has a webgpu lowering.
 */
class LoweringTableTest {
    private static final List<Consumer<LoweringTable>> FAMILIES = List.of(ElementwiseLowerings::register,
            ViewLowerings::register, MatmulLowerings::register, ReductionLowerings::register,
            IndexingLowerings::register, FusedLowerings::register, MathLowerings::register,
            ConstantLowerings::register, MovementLowerings::register, SelectionLowerings::register,
            ScatterGatherLowerings::register, ConvLowerings::register, PoolLowerings::register,
            NormLowerings::register, QuantLowerings::register, EinsumLowerings::register);

    private static LoweringTable registered(List<Consumer<LoweringTable>> families) {
        LoweringTable t = new LoweringTable();
        for (Consumer<LoweringTable> f : families) f.accept(t);
        return t;
    }

    @Test void familiesInAnyOrderGiveTheDefaultTable() {
        LoweringTable defaults = LoweringTable.defaults();
        assertEquals(Set.of("Pow", "Cast", "LayerNormalization", "Dropout"), defaults.wrappedOpTypes());
        List<Consumer<LoweringTable>> reversed = new ArrayList<>(FAMILIES);
        Collections.reverse(reversed);
        List<Consumer<LoweringTable>> shuffled = new ArrayList<>(FAMILIES);
        Collections.shuffle(shuffled, new java.util.Random(3));
        for (List<Consumer<LoweringTable>> order : List.of(FAMILIES, reversed, shuffled)) {
            LoweringTable t = registered(order);
            assertEquals(defaults.opTypes(), t.opTypes());
            assertEquals(defaults.wrappedOpTypes(), t.wrappedOpTypes());
        }
    }

    @Test void aWrapperComposesWithItsBaseRegisteredBeforeOrAfterIt() {
        for (boolean wrapFirst : new boolean[] {true, false}) {
            List<String> calls = new ArrayList<>();
            LoweringTable t = new LoweringTable();
            Runnable wrap = () -> t.wrap("Pow", base -> n -> {
                calls.add("wrapper");
                base.lower(n);
            });
            if (wrapFirst) wrap.run();
            t.add("Pow", n -> calls.add("base"));
            if (!wrapFirst) wrap.run();
            t.find("", "Pow").lower(null);
            assertEquals(List.of("wrapper", "base"), calls, "wrap first: " + wrapFirst);
        }
    }

    @Test void aDuplicateRegistrationFailsNamingTheOp() {
        LoweringTable t = new LoweringTable().add("Relu", n -> { });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.add("Relu", n -> { }));
        assertTrue(e.getMessage().contains("Relu"), e.getMessage());
        t.wrap("Relu", base -> base);
        e = assertThrows(IllegalStateException.class, () -> t.wrap("Relu", base -> base));
        assertTrue(e.getMessage().contains("Relu"), e.getMessage());
        LoweringTable defaults = LoweringTable.defaults();
        e = assertThrows(IllegalStateException.class, () -> MathLowerings.register(defaults));
        assertTrue(e.getMessage().contains("registered twice"), e.getMessage());
    }

    @Test void aWrapperWithoutABaseIsAnError() {
        LoweringTable t = new LoweringTable().wrap("Dropout", base -> base);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.find("", "Dropout"));
        assertTrue(e.getMessage().contains("Dropout"), e.getMessage());
    }

    /**
     * CPU ops knowingly without a lowering yet, each with its reason. If: its branches are subgraphs; a constant
     * condition can be folded into the chosen branch before lowering, a runtime one needs both branches compiled and
     * the condition read back (or both computed and selected): issue 9, not done yet.
     */
    private static final Set<String> NOT_LOWERED_YET = Set.of("If");

    @Test void everyOpOfTheCpuRegistryHasAWebGpuLowering() {
        Set<String> lowered = LoweringTable.defaults().opTypes();
        List<String> missing = new ArrayList<>();
        for (String op : OpRegistry.defaults().names()) {
            if (!lowered.contains(op) && !NOT_LOWERED_YET.contains(op)) missing.add(op);
        }
        assertEquals(List.of(), missing, "CPU ops without a webgpu lowering");
        for (String op : NOT_LOWERED_YET) assertTrue(!lowered.contains(op), op + " is lowered now: drop it from the list");
    }
}
