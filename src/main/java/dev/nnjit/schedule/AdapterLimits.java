package dev.nnjit.schedule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The adapter limits that decide whether a kernel configuration can run, as plain numbers so legality rules are
 * pure functions testable on the JVM. The runtime fills one from {@code GPUAdapter.limits} (or the device it
 * requested); {@link #defaults()} gives the WebGPU spec's minimum guarantees, which every adapter meets.
 *
 * <p>{@link #NAMES} is the one list of these limits: the device request, the readers ({@link #read}), the JSON the
 * page gets ({@link #toMap()}) and the cap ({@link #min}) all go through it, so adding a limit is adding a component
 * and its name here.
 *
 * @param maxComputeInvocationsPerWorkgroup product of the workgroup size's x, y and z
 * @param maxComputeWorkgroupSizeX largest {@code @workgroup_size} x
 * @param maxComputeWorkgroupSizeY largest {@code @workgroup_size} y
 * @param maxComputeWorkgroupSizeZ largest {@code @workgroup_size} z
 * @param maxComputeWorkgroupStorageSize bytes of {@code var<workgroup>} per shader
 * @param maxStorageBufferBindingSize bytes one storage binding may span
 * @param maxComputeWorkgroupsPerDimension largest x, y or z of one dispatch
 * @param maxStorageBuffersPerShaderStage storage bindings one compute shader may declare
 * @param maxBufferSize bytes of one GPUBuffer
 */
public record AdapterLimits(
        int maxComputeInvocationsPerWorkgroup,
        int maxComputeWorkgroupSizeX,
        int maxComputeWorkgroupSizeY,
        int maxComputeWorkgroupSizeZ,
        int maxComputeWorkgroupStorageSize,
        long maxStorageBufferBindingSize,
        int maxComputeWorkgroupsPerDimension,
        int maxStorageBuffersPerShaderStage,
        long maxBufferSize) {

    public AdapterLimits {
        if (maxComputeInvocationsPerWorkgroup <= 0 || maxComputeWorkgroupSizeX <= 0 || maxComputeWorkgroupSizeY <= 0
                || maxComputeWorkgroupSizeZ <= 0 || maxComputeWorkgroupStorageSize < 0
                || maxStorageBufferBindingSize <= 0 || maxComputeWorkgroupsPerDimension <= 0
                || maxStorageBuffersPerShaderStage <= 0 || maxBufferSize <= 0) {
            throw new IllegalArgumentException("adapter limits must be positive: " + this);
        }
    }

    /** The WebGPU names of the components ({@code GPUSupportedLimits} attributes), in component order. */
    public static final List<String> NAMES = List.of("maxComputeInvocationsPerWorkgroup", "maxComputeWorkgroupSizeX",
            "maxComputeWorkgroupSizeY", "maxComputeWorkgroupSizeZ", "maxComputeWorkgroupStorageSize",
            "maxStorageBufferBindingSize", "maxComputeWorkgroupsPerDimension", "maxStorageBuffersPerShaderStage",
            "maxBufferSize");

    /** The limits every WebGPU implementation guarantees (the spec's defaults for requestDevice). */
    public static AdapterLimits defaults() {
        return new AdapterLimits(256, 256, 256, 64, 16384, 134217728L, 65535, 8, 268435456L);
    }

    /**
     * Reads every limit in {@link #NAMES} through {@code limit} (e.g. a {@code GPUSupportedLimits} attribute read).
     * int components saturate at {@link Integer#MAX_VALUE}: they are upper bounds, so a larger adapter value only
     * allows more than nnjit ever asks for.
     *
     * @throws IllegalArgumentException naming the limit when a value is missing (NaN), negative or not whole
     */
    public static AdapterLimits read(ToDoubleFunction<String> limit) {
        long[] v = new long[NAMES.size()];
        for (int i = 0; i < v.length; i++) {
            String name = NAMES.get(i);
            double x = limit.applyAsDouble(name);
            // NaN fails this test too; checked before any cast, since (long) NaN throws on TeaVM's JS target
            if (!(x >= 0) || x != Math.floor(x) || x > 9.007199254740992E15) {
                throw new IllegalArgumentException("adapter limit " + name + " is not a whole number of at least 0: " + x);
            }
            v[i] = (long) x;
        }
        return fromValues(v);
    }

    /** Reads a map from {@link #NAMES} to values (as {@link #toMap()} writes it); every name must be present. */
    public static AdapterLimits fromMap(Map<String, ? extends Number> values) {
        return read(name -> {
            Number n = values.get(name);
            if (n == null) throw new IllegalArgumentException("adapter limit " + name + " is missing");
            return n.doubleValue();
        });
    }

    /** Each limit by its WebGPU name, in {@link #NAMES} order. */
    public Map<String, Long> toMap() {
        long[] v = values();
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < v.length; i++) m.put(NAMES.get(i), v[i]);
        return m;
    }

    /** The limit named {@code name} (one of {@link #NAMES}). */
    public long get(String name) {
        int i = NAMES.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("unknown adapter limit '" + name + "' (known: " + NAMES + ")");
        return values()[i];
    }

    /** These limits with {@code name} set to {@code value} (tests and caps tighten one limit this way). */
    public AdapterLimits with(String name, long value) {
        int i = NAMES.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("unknown adapter limit '" + name + "' (known: " + NAMES + ")");
        long[] v = values();
        v[i] = value;
        return fromValues(v);
    }

    /** The tighter of the two for every limit: what a program planned against both may use. */
    public AdapterLimits min(AdapterLimits other) {
        long[] a = values();
        long[] b = other.values();
        for (int i = 0; i < a.length; i++) a[i] = Math.min(a[i], b[i]);
        return fromValues(a);
    }

    private long[] values() {
        return new long[] {maxComputeInvocationsPerWorkgroup, maxComputeWorkgroupSizeX, maxComputeWorkgroupSizeY,
            maxComputeWorkgroupSizeZ, maxComputeWorkgroupStorageSize, maxStorageBufferBindingSize,
            maxComputeWorkgroupsPerDimension, maxStorageBuffersPerShaderStage, maxBufferSize};
    }

    /** The one positional construction from a {@link #NAMES}-ordered array (int components saturate). */
    private static AdapterLimits fromValues(long[] v) {
        return new AdapterLimits(sat(v[0]), sat(v[1]), sat(v[2]), sat(v[3]), sat(v[4]), v[5], sat(v[6]), sat(v[7]), v[8]);
    }

    private static int sat(long v) { return (int) Math.min(v, Integer.MAX_VALUE); }

    /** A canonical text form, for tuning-cache keys ("which adapter was this measured on"). */
    public String key() {
        return "inv" + maxComputeInvocationsPerWorkgroup + ",wg" + maxComputeWorkgroupSizeX + "x"
                + maxComputeWorkgroupSizeY + "x" + maxComputeWorkgroupSizeZ + ",smem" + maxComputeWorkgroupStorageSize
                + ",bind" + maxStorageBufferBindingSize + ",disp" + maxComputeWorkgroupsPerDimension + ",sb"
                + maxStorageBuffersPerShaderStage + ",buf" + maxBufferSize;
    }
}
