package dev.nnjit.generate;

import dev.nnjit.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The cases of models/kv/reference.json, for tests outside this package. */
public final class KvCacheGenerationTestCases {
    private KvCacheGenerationTestCases() {}

    public static List<JsonObject> all() throws IOException {
        List<JsonObject> out = new ArrayList<>(KvCacheGenerationTest.cases("decoder-only"));
        out.addAll(KvCacheGenerationTest.cases("encoder-decoder"));
        return out;
    }
}
