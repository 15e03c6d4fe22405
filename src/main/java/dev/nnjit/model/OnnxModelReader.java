package dev.nnjit.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes ONNX protobuf bytes (no protobuf library, no reflection; runs under TeaVM) into {@link OnnxModel}.
 *
 * <p>Contracts:
 * <ul>
 *   <li>The bytes are read from the buffer's position to its limit; byte offsets in errors count from that
 *       position (the file offset when the buffer is a whole file). The buffer itself is not modified.</li>
 *   <li>Initializer and attribute tensors are lazy views of {@code bytes} (or of external files): loading copies
 *       no weights, and an element array is built only when a tensor is first used. The buffer must therefore stay
 *       unchanged while the model is in use.</li>
 *   <li>Default-domain opsets {@value #MIN_DEFAULT_OPSET}..{@value #MAX_DEFAULT_OPSET} are accepted; older ones
 *       had other broadcasting rules and newer ones are unknown to the op definitions.</li>
 *   <li>Malformed input ends in a {@link ModelFormatException} naming the byte offset and field path, never in a
 *       hang or an allocation larger than the input.</li>
 * </ul>
 */
public final class OnnxModelReader {
    public static final int MIN_DEFAULT_OPSET = 7;
    public static final int MAX_DEFAULT_OPSET = 22;

    private OnnxModelReader() {}

    /** Decodes a ModelProto; {@code resolver} supplies external-data files (use {@link ExternalDataResolver#NONE}). */
    public static OnnxModel read(ByteBuffer bytes, ExternalDataResolver resolver) {
        ByteBuffer buf = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        FieldPath path = FieldPath.root("ModelProto");
        ProtoReader r = new ProtoReader(buf, 0, buf.limit(), path);
        // Pass 1 reads the top level only (the graph's payload is skipped in O(1)), so the opset policy is checked
        // before any of the graph is decoded: an old model is refused as such, not for some detail inside it.
        long irVersion = 0;
        String producerName = "", producerVersion = "";
        ProtoReader graphReader = null;
        Map<String, Integer> opsets = new LinkedHashMap<>();
        int opsetIndex = 0;
        ProtoReader defaultOpsetReader = null; // where the default-domain import is, for the policy error
        while (r.next()) {
            switch (r.field()) {
                case 1: irVersion = r.int64(); break;
                case 2: producerName = r.string(); break;
                case 3: producerVersion = r.string(); break;
                case 7:
                    if (graphReader != null) throw r.error(r.tagPosition(), "ModelProto has more than one graph");
                    graphReader = r.message(path.child("graph"));
                    break;
                case 8: {
                    ProtoReader o = r.message(path.child("opset_import", opsetIndex++));
                    if (opsetImport(r.tagPosition(), o, opsets).isEmpty()) defaultOpsetReader = o;
                    break;
                }
                default: r.skip(); // domain, model_version, doc_string, metadata_props, training_info, functions
            }
        }
        if (graphReader == null) throw path.error(buf.limit(), "model has no graph (file empty or truncated?)");
        if (opsets.isEmpty()) {
            throw path.error(buf.limit(), "model has no opset_import (IR version " + irVersion + "); nnjit needs the"
                    + " default ONNX domain at opset " + MIN_DEFAULT_OPSET + ".." + MAX_DEFAULT_OPSET);
        }
        Integer opset = opsets.get("");
        if (opset != null && (opset < MIN_DEFAULT_OPSET || opset > MAX_DEFAULT_OPSET)) {
            throw defaultOpsetReader.path().error(defaultOpsetReader.start(), "model imports default-domain (ai.onnx) opset " + opset + "; nnjit supports opsets "
                    + MIN_DEFAULT_OPSET + " to " + MAX_DEFAULT_OPSET);
        }
        // Pass 2: the graph.
        OnnxGraph graph = new GraphDecoder(new TensorDecoder(buf, resolver)).graph(graphReader, 0);
        return new OnnxModel(irVersion, producerName, producerVersion, Collections.unmodifiableMap(opsets), graph);
    }

    /** Decodes a standalone TensorProto (e.g. the conformance suite's {@code input_0.pb}) without external data. */
    public static NamedTensor readTensor(ByteBuffer bytes) { return readTensor(bytes, ExternalDataResolver.NONE); }

    public static NamedTensor readTensor(ByteBuffer bytes, ExternalDataResolver resolver) {
        ByteBuffer buf = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        ProtoReader r = new ProtoReader(buf, 0, buf.limit(), FieldPath.root("TensorProto"));
        return new TensorDecoder(buf, resolver).decode(r);
    }

    /** "" and "ai.onnx" both name the default ONNX domain; other domains are kept as written. */
    static String normalizeDomain(String domain) { return domain.equals("ai.onnx") ? "" : domain; }

    /** Decodes one OperatorSetIdProto into {@code opsets}; returns its normalized domain. */
    private static String opsetImport(int at, ProtoReader r, Map<String, Integer> opsets) {
        String domain = "";
        long version = -1;
        while (r.next()) {
            if (r.field() == 1) domain = r.string();
            else if (r.field() == 2) version = r.int64();
            else r.skip();
        }
        domain = normalizeDomain(domain);
        String shown = domain.isEmpty() ? "the default domain" : "domain '" + domain + "'";
        if (version < 1 || version > Integer.MAX_VALUE) {
            throw r.path().error(at, "opset_import for " + shown + " has invalid version " + version);
        }
        Integer previous = opsets.put(domain, (int) version);
        if (previous != null && previous != version) {
            throw r.path().error(at, "opset_import lists " + shown + " twice, at versions " + previous + " and "
                    + version);
        }
        return domain;
    }
}
