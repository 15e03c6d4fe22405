package dev.nnjit.conformance;

import dev.nnjit.model.OnnxGraph;
import dev.nnjit.model.OnnxModel;
import dev.nnjit.model.OnnxNode;
import dev.nnjit.model.ProtoWriter;
import dev.nnjit.model.ValueInfo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * ONNX node tests feed every operand as a graph input, including the ones that decide an output's shape or a
 * kernel's parameters (Reshape's shape, Slice's starts, CumSum's axis, ...). In real models those operands are
 * initializers or folded Shape arithmetic; the webgpu backend compiles kernels for static shapes and needs them at
 * compile time. This class names those operands ({@link #COMPILE_TIME_OPERANDS}) and rewrites a test model so that
 * graph inputs feeding them become initializers holding the data set's values. Every other input stays a run-time
 * input, so index, data and condition tensors are still read on the GPU.
 *
 * <p>The rewrite works on the protobuf wire format: the ModelProto is copied field by field, except that the
 * graph's {@code input} entries (GraphProto field 11) of frozen inputs are dropped and one {@code initializer}
 * (field 5) per frozen input is appended: the data set's TensorProto bytes with its name field (8) set to the
 * input's name (a later singular field wins in protobuf).
 */
final class ShapeInputs {
    private ShapeInputs() {}

    /** Operand positions, per op type, whose values the webgpu backend needs at compile time. */
    static final Map<String, int[]> COMPILE_TIME_OPERANDS = Map.ofEntries(
            Map.entry("Reshape", new int[] {1}),
            Map.entry("Expand", new int[] {1}),
            Map.entry("Tile", new int[] {1}),
            Map.entry("Slice", new int[] {1, 2, 3, 4}),
            Map.entry("Pad", new int[] {1, 3}),
            Map.entry("Range", new int[] {0, 1, 2}),
            Map.entry("ConstantOfShape", new int[] {0}),
            Map.entry("OneHot", new int[] {1}),
            Map.entry("TopK", new int[] {1}),
            Map.entry("Resize", new int[] {1, 2, 3}),
            Map.entry("Upsample", new int[] {1}),
            Map.entry("Squeeze", new int[] {1}),
            Map.entry("Unsqueeze", new int[] {1}),
            Map.entry("Split", new int[] {1}),
            Map.entry("CumSum", new int[] {1}),
            Map.entry("Trilu", new int[] {1}),
            Map.entry("Dropout", new int[] {1, 2}),
            Map.entry("CenterCropPad", new int[] {1}),
            Map.entry("ReduceSum", new int[] {1}),
            Map.entry("ReduceMean", new int[] {1}),
            Map.entry("ReduceMax", new int[] {1}),
            Map.entry("ReduceMin", new int[] {1}),
            Map.entry("ReduceProd", new int[] {1}),
            Map.entry("ReduceSumSquare", new int[] {1}),
            Map.entry("ReduceL1", new int[] {1}),
            Map.entry("ReduceL2", new int[] {1}),
            Map.entry("ReduceLogSum", new int[] {1}),
            Map.entry("ReduceLogSumExp", new int[] {1}));

    /**
     * The graph inputs (by name) whose values reach a compile-time operand of some node, directly or through other
     * nodes (the expanded function tests compute Range's limit from a size input, for example), in graph input
     * order.
     */
    static Set<String> toFreeze(OnnxModel model) {
        OnnxGraph g = model.graph();
        Set<String> found = new LinkedHashSet<>();
        for (ValueInfo v : g.inputs()) {
            if (!g.initializers().containsKey(v.name()) && reachesCompileTimeOperand(g, v.name())) found.add(v.name());
        }
        return found;
    }

    /** Whether value {@code start} flows (through any nodes, in graph order) into a compile-time operand. */
    private static boolean reachesCompileTimeOperand(OnnxGraph g, String start) {
        Set<String> reached = new LinkedHashSet<>();
        reached.add(start);
        for (OnnxNode n : g.nodes()) { // nodes are topologically sorted in a valid model
            int[] positions = n.domain().isEmpty() || n.domain().equals("ai.onnx")
                    ? COMPILE_TIME_OPERANDS.get(n.opType()) : null;
            boolean feeds = false;
            for (int i = 0; i < n.inputs().size(); i++) {
                if (!reached.contains(n.inputs().get(i))) continue;
                feeds = true;
                if (positions != null) for (int p : positions) if (p == i) return true;
            }
            // Shape and Size read only the (static) shape: what follows them does not depend on the values.
            if (feeds && !n.opType().equals("Shape") && !n.opType().equals("Size")) reached.addAll(n.outputs());
        }
        return false;
    }

    /**
     * The model bytes with each named input turned into an initializer.
     *
     * @param tensors input name → that input's TensorProto bytes (a test data set's input_K.pb)
     */
    static byte[] freeze(byte[] model, Map<String, byte[]> tensors) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(model.length + 256);
        Wire r = new Wire(model, 0, model.length);
        boolean sawGraph = false;
        while (r.more()) {
            int start = r.pos;
            long tag = r.varint();
            int field = (int) (tag >>> 3);
            if (field == 7 && (tag & 7) == ProtoWriter.LEN) {
                int len = (int) r.varint();
                byte[] graph = rewriteGraph(model, r.pos, r.pos + len, tensors);
                r.pos += len;
                ProtoWriter w = new ProtoWriter().bytes(7, graph);
                out.writeBytes(w.toByteArray());
                sawGraph = true;
            } else {
                r.skip((int) (tag & 7));
                out.write(model, start, r.pos - start);
            }
        }
        if (!sawGraph) throw new IllegalArgumentException("model has no graph");
        return out.toByteArray();
    }

    private static byte[] rewriteGraph(byte[] b, int from, int to, Map<String, byte[]> tensors) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from + 256);
        Wire r = new Wire(b, from, to);
        Map<String, Boolean> dropped = new LinkedHashMap<>();
        while (r.more()) {
            int start = r.pos;
            long tag = r.varint();
            int field = (int) (tag >>> 3);
            r.skip((int) (tag & 7));
            if (field == 11) {
                String name = valueInfoName(b, start, r.pos);
                if (tensors.containsKey(name)) {
                    dropped.put(name, Boolean.TRUE);
                    continue;
                }
            }
            out.write(b, start, r.pos - start);
        }
        for (Map.Entry<String, byte[]> e : tensors.entrySet()) {
            if (!dropped.containsKey(e.getKey())) {
                throw new IllegalArgumentException("graph has no input '" + e.getKey() + "'");
            }
            byte[] named = new ProtoWriter().raw(e.getValue()).string(8, e.getKey()).toByteArray();
            out.writeBytes(new ProtoWriter().bytes(5, named).toByteArray());
        }
        return out.toByteArray();
    }

    /** The name (field 1) of the ValueInfoProto held by the length-delimited field spanning [start, end). */
    private static String valueInfoName(byte[] b, int start, int end) {
        Wire outer = new Wire(b, start, end);
        outer.varint();
        int len = (int) outer.varint();
        Wire r = new Wire(b, outer.pos, outer.pos + len);
        String name = "";
        while (r.more()) {
            long tag = r.varint();
            if ((tag >>> 3) == 1 && (tag & 7) == ProtoWriter.LEN) {
                int n = (int) r.varint();
                name = new String(b, r.pos, n, StandardCharsets.UTF_8);
                r.pos += n;
            } else {
                r.skip((int) (tag & 7));
            }
        }
        return name;
    }

    /** A cursor over protobuf wire data in b[pos, end). */
    private static final class Wire {
        final byte[] b;
        int pos;
        final int end;

        Wire(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        boolean more() { return pos < end; }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) throw new IllegalArgumentException("truncated varint at " + pos);
                int x = b[pos++] & 0xFF;
                v |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) return v;
            }
            throw new IllegalArgumentException("varint too long at " + pos);
        }

        /** Skips the value of a field of this wire type (the tag already read). */
        void skip(int wireType) {
            switch (wireType) {
                case ProtoWriter.VARINT: varint(); break;
                case ProtoWriter.FIXED64: pos += 8; break;
                case ProtoWriter.LEN: {
                    int n = (int) varint();
                    pos += n;
                    break;
                }
                case ProtoWriter.FIXED32: pos += 4; break;
                default: throw new IllegalArgumentException("unsupported wire type " + wireType + " at " + pos);
            }
            if (pos > end) throw new IllegalArgumentException("field runs past its message at " + pos);
        }
    }

    static String describe(Set<String> frozen) { return Arrays.toString(frozen.toArray()); }
}
