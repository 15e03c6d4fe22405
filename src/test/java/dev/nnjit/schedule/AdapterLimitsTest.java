package dev.nnjit.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdapterLimitsTest {
    /** SwiftShader's adapter in Chromium 156 (1 GiB storage bindings, 32 KiB workgroup memory). */
    private static final AdapterLimits SWIFTSHADER =
            new AdapterLimits(1024, 1024, 1024, 64, 32768, 1L << 30, 65535, 10, 1L << 32);

    @Test void namesAreTheComponentsInOrder() {
        List<String> components = new ArrayList<>();
        for (RecordComponent c : AdapterLimits.class.getRecordComponents()) components.add(c.getName());
        assertEquals(components, AdapterLimits.NAMES, "one list of limits: NAMES must follow the record");
    }

    @Test void toMapReadsBackAndNamesEveryField() throws Exception {
        Map<String, Long> m = SWIFTSHADER.toMap();
        assertEquals(AdapterLimits.NAMES, new ArrayList<>(m.keySet()));
        for (RecordComponent c : AdapterLimits.class.getRecordComponents()) {
            Number field = (Number) c.getAccessor().invoke(SWIFTSHADER);
            assertEquals(field.longValue(), m.get(c.getName()), c.getName());
            assertEquals(field.longValue(), SWIFTSHADER.get(c.getName()), c.getName());
        }
        assertEquals(SWIFTSHADER, AdapterLimits.fromMap(m));
        assertEquals(AdapterLimits.defaults(), AdapterLimits.fromMap(AdapterLimits.defaults().toMap()));
    }

    /** The reader takes a GPUSupportedLimits-like lookup; it ignores limits nnjit does not use. */
    @Test void readTakesEachLimitByItsWebGpuName() {
        Map<String, Double> js = new HashMap<>();
        for (Map.Entry<String, Long> e : SWIFTSHADER.toMap().entrySet()) js.put(e.getKey(), (double) e.getValue());
        js.put("maxBindGroups", 4.0);
        assertEquals(SWIFTSHADER, AdapterLimits.read(js::get));
    }

    @Test void readRejectsMissingOrBrokenLimitsByName() {
        Map<String, Double> js = new HashMap<>();
        for (Map.Entry<String, Long> e : SWIFTSHADER.toMap().entrySet()) js.put(e.getKey(), (double) e.getValue());
        js.put("maxBufferSize", Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AdapterLimits.read(js::get));
        assertTrue(e.getMessage().contains("maxBufferSize"), e.getMessage());
        js.put("maxBufferSize", 1.5);
        assertThrows(IllegalArgumentException.class, () -> AdapterLimits.read(js::get));
        Map<String, Long> missing = SWIFTSHADER.toMap();
        missing.remove("maxComputeWorkgroupSizeY");
        e = assertThrows(IllegalArgumentException.class, () -> AdapterLimits.fromMap(missing));
        assertTrue(e.getMessage().contains("maxComputeWorkgroupSizeY"), e.getMessage());
    }

    @Test void intLimitsSaturateAndLongLimitsKeepTheirValue() {
        Map<String, Long> huge = SWIFTSHADER.toMap();
        huge.put("maxComputeWorkgroupsPerDimension", 1L << 40);
        huge.put("maxBufferSize", 1L << 40);
        AdapterLimits l = AdapterLimits.fromMap(huge);
        assertEquals(Integer.MAX_VALUE, l.maxComputeWorkgroupsPerDimension());
        assertEquals(1L << 40, l.maxBufferSize());
    }

    @Test void minTakesTheTighterOfEveryLimit() {
        AdapterLimits cap = AdapterLimits.defaults().with("maxStorageBufferBindingSize", 4096)
                .with("maxComputeWorkgroupStorageSize", 65536);
        AdapterLimits min = SWIFTSHADER.min(cap);
        for (String name : AdapterLimits.NAMES) {
            assertEquals(Math.min(SWIFTSHADER.get(name), cap.get(name)), min.get(name), name);
        }
        assertEquals(4096, min.maxStorageBufferBindingSize());
        assertEquals(32768, min.maxComputeWorkgroupStorageSize(), "the adapter's value where it is the tighter one");
        assertEquals(min, cap.min(SWIFTSHADER), "symmetric");
        assertEquals(SWIFTSHADER, SWIFTSHADER.min(SWIFTSHADER));
    }

    @Test void withChangesOneLimitAndRejectsUnknownNames() {
        AdapterLimits l = SWIFTSHADER.with("maxBufferSize", 1000);
        assertEquals(1000, l.maxBufferSize());
        assertEquals(SWIFTSHADER.toMap().entrySet().stream().filter(e -> !e.getKey().equals("maxBufferSize")).count(),
                l.toMap().entrySet().stream().filter(e -> SWIFTSHADER.toMap().get(e.getKey()).equals(e.getValue()))
                        .count());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SWIFTSHADER.with("maxBindGroups", 4));
        assertTrue(e.getMessage().contains("maxBindGroups"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SWIFTSHADER.with("maxBufferSize", 0));
    }

    @Test void adapterInfoSortsFeaturesAndKeysOnEveryPart() {
        AdapterInfo a = new AdapterInfo("google", "swiftshader", "", null,
                List.of("timestamp-query", "subgroups", "float32-filterable"), SWIFTSHADER);
        assertEquals(List.of("float32-filterable", "subgroups", "timestamp-query"), a.features());
        assertEquals("google swiftshader", a.summary());
        assertEquals("", a.description());
        assertTrue(a.hasFeature("subgroups"));
        assertFalse(a.hasFeature("shader-f16"));
        assertEquals("unknown adapter", new AdapterInfo("", "", "", "", List.of(), SWIFTSHADER).summary());
        AdapterInfo reordered = new AdapterInfo("google", "swiftshader", "", "",
                List.of("subgroups", "float32-filterable", "timestamp-query"), SWIFTSHADER);
        assertEquals(a.key(), reordered.key(), "feature order does not matter");
        assertEquals(a, reordered);
        assertNotEquals(a.key(), new AdapterInfo("google", "swiftshader", "", "", a.features(),
                SWIFTSHADER.with("maxBufferSize", 1L << 30)).key(), "limits are part of the identity");
        assertNotEquals(a.key(), new AdapterInfo("google", "swiftshader", "", "", List.of("subgroups"),
                SWIFTSHADER).key(), "features are part of the identity");
        assertNotEquals(a.key(), new AdapterInfo("nvidia", "swiftshader", "", "", a.features(), SWIFTSHADER).key());
    }
}
