package dev.nnjit.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * kernels/records (shipped with the web app as records/): index.json lists exactly the record documents there, each
 * parses, holds records of one adapter and is named after that adapter's id, and holds one record per workload.
 */
class ShippedRecordsTest {
    private static final Path DIR = Path.of("kernels", "records");

    @Test void theIndexListsEveryDocumentAndEachIsNamedAfterItsAdapter() throws Exception {
        JsonObject index = JsonParser.parseString(Files.readString(DIR.resolve("index.json"))).getAsJsonObject();
        assertEquals("nnjit-tuning-index", index.get("format").getAsString());
        assertEquals(1, index.get("version").getAsInt());
        Set<String> listed = new TreeSet<>();
        for (JsonElement e : index.getAsJsonArray("files")) listed.add(e.getAsJsonObject().get("file").getAsString());
        Set<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.list(DIR)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.equals("index.json"))
                    .forEach(present::add);
        }
        assertEquals(present, listed, "index.json lists exactly the record documents");
        for (String name : present) {
            List<TuningRecord> records = TuningJson.readRecords(Files.readString(DIR.resolve(name)));
            assertFalse(records.isEmpty(), name + " holds no records");
            AdapterKey adapter = records.get(0).adapter();
            assertEquals(adapter.id() + ".json", name, "file named after its adapter");
            Set<String> workloads = new TreeSet<>();
            for (TuningRecord r : records) {
                assertEquals(adapter, r.adapter());
                assertEquals(true, workloads.add(r.key().workload()), "one record per workload: " + r.key().workload());
            }
        }
    }
}
