package dev.nnjit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Float16;
import dev.nnjit.tensor.Tensor;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TensorJsonTest {

    private static Tensor roundTrip(Tensor t) {
        return TensorJson.parseTensor("output", "t", JsonParser.parseString(TensorJson.toJson(t)));
    }

    private static void assertSameBits(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]) & (Float.isNaN(expected[i]) ? 0 : -1),
                    Float.floatToRawIntBits(actual[i]) & (Float.isNaN(actual[i]) ? 0 : -1),
                    "element " + i + ": " + expected[i] + " vs " + actual[i]);
            assertEquals(Float.isNaN(expected[i]), Float.isNaN(actual[i]), "NaN at " + i);
        }
    }

    @Test void float32RoundTripsBitForBitIncludingSpecialValues() {
        float[] special = {0f, -0f, 1f, -1.5f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
                -Float.MAX_VALUE, 0.1f, 1e-7f, 3.4028235e38f, Float.NaN, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, 16777217f, 1.0000001f};
        Tensor back = roundTrip(Tensor.ofFloats(new int[] {special.length}, special));
        assertEquals(DType.FLOAT, back.dtype());
        assertSameBits(special, back.floats());
    }

    @Test void randomFloatBitPatternsRoundTrip() {
        Random rnd = new Random(42);
        float[] v = new float[5000];
        for (int i = 0; i < v.length; i++) v[i] = Float.intBitsToFloat(rnd.nextInt());
        Tensor back = roundTrip(Tensor.ofFloats(new int[] {50, 100}, v));
        assertArrayEquals(new int[] {50, 100}, back.shape());
        assertSameBits(v, back.floats());
    }

    @Test void halfAndBfloat16RoundTripAndRoundWhenRead() {
        float[] halves = {0f, -0f, 1f, 65504f, -65504f, 6.1035156e-5f, 5.9604645e-8f, 0.33325195f, Float.NaN,
                Float.POSITIVE_INFINITY};
        Tensor h = Tensor.ofFloats(DType.FLOAT16, new int[] {halves.length}, halves);
        Tensor back = roundTrip(h);
        assertEquals(DType.FLOAT16, back.dtype());
        assertSameBits(halves, back.floats());

        Tensor rounded = TensorJson.parseTensor("feed", "x",
                JsonParser.parseString("{\"shape\":[3],\"dtype\":\"float16\",\"data\":[0.1, 1.00048828125,"
                        + " 1.00146484375]}"));
        assertEquals(Float16.roundToHalf(0.1f), rounded.floats()[0]);
        // half spacing at 1.0 is 2^-10: 1 + 0.5 ulp and 1 + 1.5 ulp are ties, rounded to the even neighbour
        assertEquals(1.0f, rounded.floats()[1]);
        assertEquals(1.001953125f, rounded.floats()[2]);

        Tensor bf = TensorJson.parseTensor("feed", "x",
                JsonParser.parseString("{\"shape\":[1],\"dtype\":\"bfloat16\",\"data\":[0.1]}"));
        assertEquals(Float16.roundToBfloat16(0.1f), bf.floats()[0]);
        assertSameBits(bf.floats(), roundTrip(bf).floats());
    }

    @Test void integerDtypesRoundTripAtTheirBounds() {
        for (DType t : List.of(DType.INT8, DType.UINT8, DType.INT16, DType.UINT16, DType.INT32, DType.UINT32,
                DType.INT64)) {
            long[] v = {t.minValue(), t.maxValue(), 0, 1};
            Tensor back = roundTrip(Tensor.ofLongs(t, new int[] {2, 2}, v));
            assertEquals(t, back.dtype());
            assertArrayEquals(v, back.longs(), t.toString());
        }
    }

    @Test void int64IsExactBeyondDoublePrecision() {
        Tensor t = TensorJson.parseTensor("feed", "x", JsonParser.parseString(
                "{\"shape\":[3],\"dtype\":\"int64\",\"data\":[9007199254740993, -9223372036854775808, 2.0e1]}"));
        assertArrayEquals(new long[] {9007199254740993L, Long.MIN_VALUE, 20}, t.longs());
        assertTrue(TensorJson.toJson(t).contains("9007199254740993, -9223372036854775808, 20"));
    }

    @Test void boolScalarAndEmptyRoundTrip() {
        Tensor b = roundTrip(Tensor.ofBools(new int[] {3}, new boolean[] {true, false, true}));
        assertEquals(DType.BOOL, b.dtype());
        assertArrayEquals(new boolean[] {true, false, true}, b.bools());

        Tensor s = roundTrip(Tensor.scalar(2.5f));
        assertArrayEquals(new int[0], s.shape());
        assertEquals(2.5f, s.floats()[0]);

        Tensor e = roundTrip(Tensor.ofLongs(new int[] {2, 0}, new long[0]));
        assertArrayEquals(new int[] {2, 0}, e.shape());
        assertEquals(0, e.size());
    }

    @Test void writesNonFiniteAsStringsAndReadsBareTokensToo() {
        String json = TensorJson.toJson(Tensor.ofFloats(new int[] {3},
                new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}));
        assertEquals("{\"shape\": [3], \"dtype\": \"float32\", \"data\": [\"NaN\", \"Infinity\", \"-Infinity\"]}", json);
        // Python's json.dump writes these bare.
        Map<String, Tensor> feeds = TensorJson.readFeeds(new StringReader(
                "{\"inputs\": {\"x\": {\"shape\": [3], \"dtype\": \"float\", \"data\": [NaN, Infinity, -Infinity]}}}"));
        float[] v = feeds.get("x").floats();
        assertTrue(Float.isNaN(v[0]));
        assertEquals(Float.POSITIVE_INFINITY, v[1]);
        assertEquals(Float.NEGATIVE_INFINITY, v[2]);
    }

    @Test void readsFeedsInDocumentOrderAndIgnoresOtherKeys() {
        Map<String, Tensor> feeds = TensorJson.readFeeds(new StringReader("{\"model\": \"bert\", \"outputs\": 3,"
                + " \"inputs\": {\"b\": {\"shape\": [1], \"dtype\": \"int64\", \"data\": [1]},"
                + " \"a\": {\"shape\": [], \"dtype\": \"int32\", \"data\": [7], \"note\": \"extra keys ignored\"}}}"));
        assertEquals(List.of("b", "a"), List.copyOf(feeds.keySet()));
        assertEquals(DType.INT32, feeds.get("a").dtype());
        assertEquals(7L, feeds.get("a").longs()[0]);
    }

    @Test void resultDocumentParsesBackAsOutputs() {
        Map<String, Tensor> outs = new LinkedHashMap<>();
        outs.put("logits", Tensor.ofFloats(new int[] {1, 2}, new float[] {0.25f, -3e-9f}));
        outs.put("ids", Tensor.vector(4, 5));
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("runMs", 1.23456789);
        String doc = TensorJson.resultJson(outs, timings);
        Map<String, Tensor> back = TensorJson.readTensorMap(new StringReader(doc), "outputs", "output");
        assertEquals(List.of("logits", "ids"), List.copyOf(back.keySet()));
        assertSameBits(new float[] {0.25f, -3e-9f}, back.get("logits").floats());
        assertArrayEquals(new long[] {4, 5}, back.get("ids").longs());
        assertEquals(1.235, JsonParser.parseString(doc).getAsJsonObject().getAsJsonObject("timings")
                .get("runMs").getAsDouble());
    }

    // ---- errors: each names the feed and the problem

    private static String feedError(String tensorJson) {
        String doc = "{\"inputs\": {\"input_ids\": " + tensorJson + "}}";
        return assertThrows(TensorJsonException.class, () -> TensorJson.readFeeds(new StringReader(doc))).getMessage();
    }

    private static void assertFeedError(String tensorJson, String expected) {
        assertEquals(expected, feedError(tensorJson));
    }

    @Test void unknownAndUnsupportedDtypes() {
        String m = feedError("{\"shape\": [1], \"dtype\": \"float128\", \"data\": [1]}");
        assertTrue(m.startsWith("feed 'input_ids': unknown dtype \"float128\" (known: float32, uint8,"), m);
        m = feedError("{\"shape\": [1], \"dtype\": \"float64\", \"data\": [1]}");
        assertTrue(m.startsWith("feed 'input_ids': dtype float64 is not supported by nnjit"), m);
        assertFeedError("{\"shape\": [1], \"dtype\": 7, \"data\": [1]}",
                "feed 'input_ids': \"dtype\" must be a string such as \"float32\", got the number 7");
    }

    @Test void dataLengthMustMatchShape() {
        assertFeedError("{\"shape\": [2, 3], \"dtype\": \"int64\", \"data\": [1, 2, 3, 4, 5]}",
                "feed 'input_ids': \"data\" has 5 elements but shape [2, 3] needs 6");
        assertFeedError("{\"shape\": [], \"dtype\": \"int64\", \"data\": []}",
                "feed 'input_ids': \"data\" has 0 elements but shape [] needs 1");
        assertFeedError("{\"shape\": [2], \"dtype\": \"int64\", \"data\": [[1], [2]]}",
                "feed 'input_ids': data[0] is an array, not an integer");
    }

    @Test void integerDataMustBeIntegralAndInRange() {
        assertFeedError("{\"shape\": [2], \"dtype\": \"int64\", \"data\": [1, 2.5]}",
                "feed 'input_ids': data[1] = 2.5 is not an integer");
        assertFeedError("{\"shape\": [1], \"dtype\": \"int64\", \"data\": [9223372036854775808]}",
                "feed 'input_ids': data[0] = 9223372036854775808 is out of range for int64"
                        + " [-9223372036854775808, 9223372036854775807]");
        assertFeedError("{\"shape\": [1], \"dtype\": \"int32\", \"data\": [2147483648]}",
                "feed 'input_ids': data[0] = 2147483648 is out of range for int32 [-2147483648, 2147483647]");
        assertFeedError("{\"shape\": [1], \"dtype\": \"uint8\", \"data\": [-1]}",
                "feed 'input_ids': data[0] = -1 is out of range for uint8 [0, 255]");
        assertFeedError("{\"shape\": [1], \"dtype\": \"int64\", \"data\": [1e400]}",
                "feed 'input_ids': data[0] = 1e400 is out of range for any integer type");
        assertFeedError("{\"shape\": [1], \"dtype\": \"int64\", \"data\": [\"12\"]}",
                "feed 'input_ids': data[0] is the string \"12\", not an integer");
    }

    @Test void floatDataMustBeNumericAndInRange() {
        assertFeedError("{\"shape\": [2], \"dtype\": \"float32\", \"data\": [1, \"abc\"]}",
                "feed 'input_ids': data[1] is the string \"abc\", not a number (non-finite values are written"
                        + " \"NaN\", \"Infinity\", \"-Infinity\")");
        assertFeedError("{\"shape\": [1], \"dtype\": \"float32\", \"data\": [true]}",
                "feed 'input_ids': data[0] is the boolean true, not a number (non-finite values are written"
                        + " \"NaN\", \"Infinity\", \"-Infinity\")");
        assertFeedError("{\"shape\": [1], \"dtype\": \"float32\", \"data\": [1e39]}",
                "feed 'input_ids': data[0] = 1e39 is out of range for float32");
        assertFeedError("{\"shape\": [1], \"dtype\": \"float16\", \"data\": [70000]}",
                "feed 'input_ids': data[0] = 70000 is out of range for float16");
        assertFeedError("{\"shape\": [1], \"dtype\": \"bool\", \"data\": [1]}",
                "feed 'input_ids': data[0] is the number 1, not true or false");
    }

    @Test void missingKeysAndWrongTypes() {
        assertFeedError("{\"dtype\": \"int64\", \"data\": [1]}", "feed 'input_ids': missing \"shape\"");
        assertFeedError("{\"shape\": [1], \"data\": [1]}", "feed 'input_ids': missing \"dtype\"");
        assertFeedError("{\"shape\": [1], \"dtype\": \"int64\"}", "feed 'input_ids': missing \"data\"");
        assertFeedError("{\"shape\": [1], \"dtype\": \"int64\", \"data\": null}", "feed 'input_ids': missing \"data\"");
        assertFeedError("[1, 2]",
                "feed 'input_ids': expected an object with \"shape\", \"dtype\" and \"data\", got an array");
        assertFeedError("{\"shape\": 3, \"dtype\": \"int64\", \"data\": [1]}",
                "feed 'input_ids': \"shape\" must be an array of dimension sizes, got the number 3");
        assertFeedError("{\"shape\": [-1], \"dtype\": \"int64\", \"data\": []}",
                "feed 'input_ids': shape[0] = -1 is not a dimension size (0.." + Tensor.MAX_ELEMENTS + ")");
        assertFeedError("{\"shape\": [1], \"dtype\": \"int64\", \"data\": 5}",
                "feed 'input_ids': \"data\" must be a JSON array (flat, or nested as the shape), got the number 5");
    }

    @Test void nestedDataIsReadRowMajor() {
        Map<String, Tensor> feeds = TensorJson.readFeeds(new StringReader("{\"inputs\": {"
                + "\"a\": {\"shape\": [2, 3], \"dtype\": \"int64\", \"data\": [[1, 2, 3], [4, 5, 6]]},"
                + "\"b\": {\"shape\": [2, 1, 2], \"dtype\": \"float32\", \"data\": [[[0.5, \"NaN\"]], [[-1, 2]]]},"
                + "\"c\": {\"shape\": [2, 0], \"dtype\": \"bool\", \"data\": [[], []]},"
                + "\"d\": {\"shape\": [2, 2], \"dtype\": \"int32\", \"data\": [7, 8, 9, 10]}}}"));
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6}, feeds.get("a").longs());
        assertArrayEquals(new int[] {2, 3}, feeds.get("a").shape());
        assertSameBits(new float[] {0.5f, Float.NaN, -1, 2}, feeds.get("b").floats());
        assertEquals(0, feeds.get("c").size());
        assertArrayEquals(new long[] {7, 8, 9, 10}, feeds.get("d").longs());
    }

    @Test void nestedDataMustFollowTheShape() {
        assertFeedError("{\"shape\": [2, 3], \"dtype\": \"int64\", \"data\": [[1, 2, 3], [4, 5]]}",
                "feed 'input_ids': data[1] must be an array of 3 (dim 1 of shape [2, 3]), got an array of 2");
        assertFeedError("{\"shape\": [3, 1], \"dtype\": \"int64\", \"data\": [[1], [2]]}",
                "feed 'input_ids': data must be an array of 3 (dim 0 of shape [3, 1]), got an array of 2");
        assertFeedError("{\"shape\": [2, 1], \"dtype\": \"int64\", \"data\": [[1], 2]}",
                "feed 'input_ids': data[1] must be an array of 1 (dim 1 of shape [2, 1]), got the number 2");
        assertFeedError("{\"shape\": [1, 2], \"dtype\": \"int64\", \"data\": [[1, [2]]]}",
                "feed 'input_ids': data[0][1] is an array, but shape [1, 2] has rank 2");
        assertFeedError("{\"shape\": [2, 2], \"dtype\": \"int64\", \"data\": [1, 2, [3, 4]]}",
                "feed 'input_ids': data[2] is an array: nest \"data\" as the shape [2, 2] throughout, or give it flat");
    }

    @Test void malformedJsonIsOneLine() {
        for (String bad : new String[] {"{\"inputs\": {\"x\": {", "{\"inputs\" {}}", "{\"inputs\": }", "[1, 2"}) {
            String m = assertThrows(TensorJsonException.class, () -> TensorJson.readFeeds(new StringReader(bad)))
                    .getMessage();
            assertTrue(m.startsWith("malformed JSON: ") && !m.contains("\n") && !m.contains("https://"), m);
        }
    }

    @Test void documentLevelErrors() {
        assertEquals("missing top-level key \"inputs\"", assertThrows(TensorJsonException.class,
                () -> TensorJson.readFeeds(new StringReader("{\"outputs\": {}}"))).getMessage());
        assertEquals("expected a JSON object with an \"inputs\" object, got an array", assertThrows(
                TensorJsonException.class, () -> TensorJson.readFeeds(new StringReader("[]"))).getMessage());
        assertEquals("the feeds must be a JSON object of name -> tensor, got an array", assertThrows(
                TensorJsonException.class, () -> TensorJson.readFeeds(new StringReader("{\"inputs\": []}")))
                .getMessage());
        String m = assertThrows(TensorJsonException.class,
                () -> TensorJson.readFeeds(new StringReader("{\"inputs\": {\"x\": {"))).getMessage();
        assertTrue(m.startsWith("malformed JSON: "), m);
    }
}
