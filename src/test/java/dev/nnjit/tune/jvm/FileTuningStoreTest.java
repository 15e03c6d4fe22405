package dev.nnjit.tune.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.tune.AdapterKey;
import dev.nnjit.tune.CandidateResult;
import dev.nnjit.tune.CandidateStatus;
import dev.nnjit.tune.Checksum;
import dev.nnjit.tune.MemoryTuningCache;
import dev.nnjit.tune.TuningKey;
import dev.nnjit.tune.TuningRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTuningStoreTest {
    @TempDir Path dir;

    @Test void savesAndLoadsOneDocumentPerAdapter() throws Exception {
        AdapterKey a = AdapterKey.of("google", "swiftshader", "SwiftShader", "l", List.of());
        AdapterKey b = AdapterKey.of("apple", "m2", "Apple M2", "l", List.of());
        MemoryTuningCache cache = new MemoryTuningCache();
        TuningKey key = new TuningKey("matmul", "m1n2k3", Checksum.of("keys"));
        cache.put(new TuningRecord(a, key, "matmul:b", "0123456789abcdef", "matmul:a",
                List.of(new CandidateResult("matmul:a", CandidateStatus.OK, 5, new double[] {1}, null, null)), "submit", 7));
        FileTuningStore store = FileTuningStore.directory(dir.resolve("tuning"));
        assertNull(store.load(a));
        store.saveFrom(a, cache);
        assertTrue(Files.isRegularFile(dir.resolve("tuning").resolve(a.id() + ".json")));
        assertNull(store.load(b));
        MemoryTuningCache back = new MemoryTuningCache();
        assertEquals(1, store.loadInto(a, back));
        assertEquals("matmul:b", back.get(a, key).winnerKey());
        assertEquals(0, store.loadInto(b, back));
        FileTuningStore one = FileTuningStore.file(dir.resolve("cache.json"));
        one.saveFrom(a, cache);
        assertEquals(store.load(a), one.load(a));
        assertTrue(FileTuningStore.userCache().pathFor(a).toString().endsWith(".cache/nnjit/tuning/" + a.id() + ".json"));
    }
}
