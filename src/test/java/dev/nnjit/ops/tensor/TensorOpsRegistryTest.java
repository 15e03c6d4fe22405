package dev.nnjit.ops.tensor;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.OpRegistry;
import org.junit.jupiter.api.Test;

class TensorOpsRegistryTest {
    /** Every op of this family is registered once in the default registry, next to the other families. */
    @Test void allTensorOpsAreInTheDefaultRegistry() {
        OpRegistry registry = OpRegistry.defaults();
        for (OpDef d : TensorOps.all()) {
            OpDef found = registry.find(d.domain(), d.opType());
            assertTrue(found != null && found.getClass() == d.getClass(), d.opType() + " missing or registered by another family");
            assertTrue(registry.supports("", d.opType(), 17), d.opType() + " unsupported at opset 17");
        }
        assertSame(registry.find("", "Scatter").getClass(), ScatterElements.class);
        assertTrue(TensorOps.all().size() >= 32);
    }
}
