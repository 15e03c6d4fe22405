package dev.nnjit.runtime.webgpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnjit.ops.OpRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The coverage families (Math, Constant, Movement, Selection, ScatterGather, Conv, Pool, Norm, Quant, Einsum
 * Lowerings) only add ops the core families lack, except the four they deliberately wrap (Pow, Cast,
 * LayerNormalization, Dropout: the wrapper handles the new cases and delegates the rest), so two lowerings of one
 * op never compete silently; and with them every op of the CPU registry has a webgpu lowering.
 */
class CoverageLoweringsTest {
    private static final Set<String> WRAPPED = Set.of("Pow", "Cast", "LayerNormalization", "Dropout");

    private static LoweringTable core() {
        LoweringTable t = new LoweringTable();
        ElementwiseLowerings.register(t);
        ViewLowerings.register(t);
        MatmulLowerings.register(t);
        ReductionLowerings.register(t);
        IndexingLowerings.register(t);
        FusedLowerings.register(t);
        return t;
    }

    @Test void coverageFamiliesAddOnlyMissingOpsBesidesTheirWrappers() {
        LoweringTable coverage = new LoweringTable();
        MathLowerings.register(coverage);
        ConstantLowerings.register(coverage);
        MovementLowerings.register(coverage);
        SelectionLowerings.register(coverage);
        ScatterGatherLowerings.register(coverage);
        ConvLowerings.register(coverage);
        PoolLowerings.register(coverage);
        NormLowerings.register(coverage);
        QuantLowerings.register(coverage);
        EinsumLowerings.register(coverage);
        Set<String> overlap = new TreeSet<>(coverage.opTypes());
        overlap.retainAll(core().opTypes());
        assertEquals(new TreeSet<>(WRAPPED), overlap, "ops lowered by both a core and a coverage family");
        Set<String> union = new TreeSet<>(core().opTypes());
        union.addAll(coverage.opTypes());
        assertEquals(union, LoweringTable.defaults().opTypes(), "LoweringTable.defaults() registers every family");
    }

    @Test void everyOpOfTheCpuRegistryHasAWebGpuLowering() {
        Set<String> lowered = LoweringTable.defaults().opTypes();
        List<String> missing = new ArrayList<>();
        for (String op : OpRegistry.defaults().names()) if (!lowered.contains(op)) missing.add(op);
        assertEquals(List.of(), missing, "CPU ops without a webgpu lowering");
    }
}
