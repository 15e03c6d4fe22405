package dev.nnjit.wasm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one WebAssembly module in the binary format (spec chapter 5), byte for byte: the type section (each
 * distinct {@link FuncType} once, in order of first use), imports (functions, and at most one memory: nnjit's
 * kernels share one imported {@code WebAssembly.Memory}, shared when Web Workers split the work), defined
 * functions with their locals, exports, an optional start function and active data segments, and a {@code name}
 * custom section so that {@code wasm2wat} prints functions and locals by name.
 *
 * <pre>
 *   WasmModule m = new WasmModule();
 *   m.importMemory("env", "memory", 1, 65536, true);
 *   WasmCode f = m.function("add", List.of(ValType.I32, ValType.I32), List.of("a", "b"), List.of(ValType.I32));
 *   f.localGet(f.param(0)).localGet(f.param(1)).i32Add();
 *   m.export("add", f);
 *   byte[] wasm = m.encode();
 * </pre>
 *
 * Function indices: imported functions first (in import order), then defined ones; so every function import must
 * come before the first {@link #function}.
 */
public final class WasmModule {
    private record FunctionImport(String module, String field, int type) {}

    private record MemoryImport(String module, String field, int minPages, int maxPages, boolean shared) {}

    private record Export(String name, int kind, int index) {}

    private record Data(int offset, byte[] bytes) {}

    private final Map<FuncType, Integer> types = new LinkedHashMap<>();
    private final List<FunctionImport> functionImports = new ArrayList<>();
    private final List<String> importNames = new ArrayList<>();
    private MemoryImport memory;
    private final List<WasmCode> functions = new ArrayList<>();
    private final List<Integer> functionTypes = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();
    private final List<Data> data = new ArrayList<>();
    private int start = -1;
    private final WasmFeatures features;

    /** A module that may use SIMD128 but no relaxed SIMD. */
    public WasmModule() { this(WasmFeatures.SIMD128); }

    public WasmModule(WasmFeatures features) { this.features = features; }

    public WasmFeatures features() { return features; }

    /** Index of {@code t} in the type section, adding it on first use. */
    public int typeIndex(FuncType t) {
        Integer i = types.get(t);
        if (i != null) return i;
        types.put(t, types.size());
        return types.size() - 1;
    }

    /**
     * Imports the module's one linear memory. Limits are in 64 KiB pages; a shared memory (threads proposal,
     * limits flag 0x03) needs a maximum, and so does every memory here: growth past it is the caller's error.
     */
    public WasmModule importMemory(String module, String field, int minPages, int maxPages, boolean shared) {
        if (memory != null) throw new IllegalStateException("a module imports at most one memory here");
        if (minPages < 0 || maxPages < minPages || maxPages > 65536) {
            throw new IllegalArgumentException("memory pages must satisfy 0 <= min <= max <= 65536, got " + minPages
                    + ".." + maxPages);
        }
        memory = new MemoryImport(module, field, minPages, maxPages, shared);
        return this;
    }

    /**
     * The same module importing its memory as shared (true) or not: a module that imports a shared memory links only
     * to a shared {@code WebAssembly.Memory}, and a page that is not cross-origin isolated has only unshared ones.
     */
    public WasmModule shareMemory(boolean shared) {
        if (memory == null) throw new IllegalStateException("no memory to share");
        memory = new MemoryImport(memory.module, memory.field, memory.minPages, memory.maxPages, shared);
        return this;
    }

    /** Imports a function; returns its function index. */
    public int importFunction(String module, String field, FuncType type) {
        if (!functions.isEmpty()) throw new IllegalStateException("import functions before defining any");
        functionImports.add(new FunctionImport(module, field, typeIndex(type)));
        importNames.add(module + "." + field);
        return functionImports.size() - 1;
    }

    /** Defines a function; fill its body through the returned writer (the final {@code end} is added by encode). */
    public WasmCode function(String name, List<ValType> params, List<String> paramNames, List<ValType> results) {
        if (params.size() != paramNames.size()) throw new IllegalArgumentException("one name per parameter");
        int index = functionImports.size() + functions.size();
        WasmCode code = new WasmCode(this, index, name, params, paramNames);
        functions.add(code);
        functionTypes.add(typeIndex(new FuncType(params, results)));
        return code;
    }

    public WasmModule export(String name, WasmCode function) {
        exports.add(new Export(name, 0x00, function.index()));
        return this;
    }

    /** Exports the imported memory (index 0) under {@code name}. */
    public WasmModule exportMemory(String name) {
        if (memory == null) throw new IllegalStateException("no memory to export");
        exports.add(new Export(name, 0x02, 0));
        return this;
    }

    /** Runs {@code function} (no params, no results) at instantiation. */
    public WasmModule start(WasmCode function) {
        start = function.index();
        return this;
    }

    /**
     * An active data segment copied to byte {@code offset} of memory 0 at instantiation. Note that with a shared
     * memory every instantiation (every Worker) copies it again.
     */
    public WasmModule data(int offset, byte[] bytes) {
        if (memory == null) throw new IllegalStateException("data needs a memory");
        data.add(new Data(offset, bytes.clone()));
        return this;
    }

    public byte[] encode() {
        WasmBytes out = new WasmBytes();
        out.bytes(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});
        WasmBytes s = new WasmBytes();
        s.u32(types.size());
        for (FuncType t : types.keySet()) t.write(s);
        section(out, 1, s);

        if (!functionImports.isEmpty() || memory != null) {
            s = new WasmBytes();
            s.u32(functionImports.size() + (memory == null ? 0 : 1));
            for (FunctionImport f : functionImports) s.name(f.module).name(f.field).u8(0x00).u32(f.type);
            if (memory != null) {
                s.name(memory.module).name(memory.field).u8(0x02).u8(memory.shared ? 0x03 : 0x01)
                        .u32(memory.minPages).u32(memory.maxPages);
            }
            section(out, 2, s);
        }
        if (!functions.isEmpty()) {
            s = new WasmBytes();
            s.u32(functions.size());
            for (int t : functionTypes) s.u32(t);
            section(out, 3, s);
        }
        if (!exports.isEmpty()) {
            s = new WasmBytes();
            s.u32(exports.size());
            for (Export e : exports) s.name(e.name).u8(e.kind).u32(e.index);
            section(out, 7, s);
        }
        if (start >= 0) section(out, 8, new WasmBytes().u32(start));
        if (!functions.isEmpty()) {
            s = new WasmBytes();
            s.u32(functions.size());
            for (WasmCode f : functions) s.sized(f.encodeBody());
            section(out, 10, s);
        }
        if (!data.isEmpty()) {
            s = new WasmBytes();
            s.u32(data.size());
            for (Data d : data) {
                s.u8(0x00).u8(0x41).s32(d.offset).u8(0x0B).u32(d.bytes.length).bytes(d.bytes);
            }
            section(out, 11, s);
        }
        section(out, 0, names());
        return out.toArray();
    }

    /** The {@code name} custom section: function names (subsection 1) and local names (subsection 2). */
    private WasmBytes names() {
        WasmBytes s = new WasmBytes().name("name");
        WasmBytes fn = new WasmBytes();
        fn.u32(importNames.size() + functions.size());
        for (int i = 0; i < importNames.size(); i++) fn.u32(i).name(importNames.get(i));
        for (WasmCode f : functions) fn.u32(f.index()).name(f.name());
        s.u8(1).sized(fn);
        WasmBytes locals = new WasmBytes();
        locals.u32(functions.size());
        for (WasmCode f : functions) {
            locals.u32(f.index());
            List<String> names = f.localNames();
            locals.u32(names.size());
            for (int i = 0; i < names.size(); i++) locals.u32(i).name(names.get(i));
        }
        s.u8(2).sized(locals);
        return s;
    }

    private static void section(WasmBytes out, int id, WasmBytes body) {
        out.u8(id).sized(body);
    }
}
