package dev.nnjit.runtime.wasm;

import dev.nnjit.tensor.Tensor;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The layout of one model's linear memory, shared by every plan its {@link WasmSimdBackend} compiles (one plan per
 * input-shape set: a prompt, each decoding bucket). Pure bookkeeping, no JavaScript: {@link MemoryPlan} asks it for
 * addresses, the executable copies in what it says is not there yet, and {@link LinearMemory} grows to {@link #size}.
 * <pre>
 *   [0, 64)        no tensor (a zero address is never one)
 *   then, in order of first need, each appended at the top and never moved:
 *     constants    each (constant Tensor, layout) once, for every plan: a weight is copied in (packed) by the
 *                  first plan that reads it; later plans read the same bytes
 *     controls     64 bytes per plan, its KernelThreads' control words (each plan has its own Workers)
 *     activations  one area (arena + per-thread workspaces) that every plan whose needs fit reuses; a plan that
 *                  needs more appends a larger one, which later plans reuse in turn
 * </pre>
 * WebAssembly.Memory can only grow, so a new plan grows the memory by at most its control block, its activation area
 * (where the current one is too small) and the constants no earlier plan read: never by another copy of a weight.
 * Nothing is freed before the backend is released (an evicted plan's area stays for the next plan).
 *
 * <p>Why plans may share one activation area: a plan's values live only during one {@link WasmSimdExecutable#run},
 * which writes its feeds first and copies its outputs out before returning, and a run is synchronous (kernel steps
 * wait for every thread; nothing in it yields to the event loop), so two runs of one model never overlap. Compiling
 * a plan (which may wait for its Workers to start) writes only constants no existing plan reads.
 *
 * <p>Constants are keyed by the {@code Tensor} object, as WebGPU's backend buffers are: plans compiled for other input
 * shapes share the model's weight tensors ({@code Graph.copy} keeps constants), while constants folded per shape set
 * are new tensors and get their own bytes.
 */
final class ModelMemory {
    /** Bytes below the first tensor. */
    static final long RESERVED = 64;
    /** One plan's KernelThreads control block (four i32 used; a cache line, so plans' words never share one). */
    static final long CONTROL_BYTES = 64;
    /** 32767 pages of 64 KiB: addresses must fit a signed i32 (the kernels' and the JS glue's arguments). */
    static final long MAX_BYTES = 32767L * 65536;

    /** Where one laid-out constant lives, and whether its bytes are there yet. */
    private static final class Placement {
        final long address;
        final long bytes;
        boolean filled;

        Placement(long address, long bytes) {
            this.address = address;
            this.bytes = bytes;
        }
    }

    /** Map key of a constant copied in as it is (no layout). */
    private static final Object AS_IS = new Object();

    private final Map<Tensor, Map<Object, Placement>> constants = new IdentityHashMap<>();
    private long top = RESERVED;
    private long constantBytes;
    private long activationBase = -1;
    private long activationBytes;

    /** The address of constant {@code t}, placed at the top on first need. */
    long constant(MemTensor t) {
        return placement(t).address;
    }

    /** Whether constant {@code t}'s bytes still have to be copied in (placed, not yet filled). */
    boolean needsCopy(MemTensor t) { return !placement(t).filled; }

    /** Records that constant {@code t}'s bytes were copied in: later plans read them. */
    void filled(MemTensor t) { placement(t).filled = true; }

    private Placement placement(MemTensor t) {
        if (t.kind() != MemTensor.Kind.CONSTANT) throw new IllegalArgumentException("'" + t.name() + "' is no constant");
        Map<Object, Placement> byLayout = constants.computeIfAbsent(t.constant(), k -> new HashMap<>());
        Object key = t.layout() == null ? AS_IS : t.layout();
        Placement p = byLayout.get(key);
        if (p == null) {
            long bytes = align(t.bytes());
            p = new Placement(append(bytes, "constant '" + t.name() + "'"), bytes);
            byLayout.put(key, p);
            constantBytes += bytes;
        }
        return p;
    }

    /** A new plan's control block. */
    long control() { return append(CONTROL_BYTES, "a plan's control block"); }

    /**
     * The base of an activation area of at least {@code bytes} bytes: the current one where it is large enough, else
     * a new one at the top (then the current one for later plans).
     */
    long activations(long bytes) {
        bytes = align(bytes);
        if (activationBase < 0 || bytes > activationBytes) {
            activationBase = append(bytes, "an activation area");
            activationBytes = bytes;
        }
        return activationBase;
    }

    /** Bytes the memory must have: everything placed so far. */
    long size() { return top; }

    /** Bytes of constants placed (each constant and layout once). */
    long constantBytes() { return constantBytes; }

    /** Bytes of the activation area plans reuse now (0 before the first plan). */
    long activationBytes() { return activationBytes; }

    private long append(long bytes, String what) {
        long at = top;
        if (at + bytes > MAX_BYTES) {
            throw new IllegalStateException("the model's wasm-simd memory would need " + (at + bytes) + " bytes for "
                    + what + " (constants " + constantBytes + " bytes, activation area " + activationBytes
                    + " bytes); a WebAssembly memory here holds at most " + MAX_BYTES + " bytes");
        }
        top = at + bytes;
        return at;
    }

    static long align(long bytes) { return (bytes + 15) & ~15L; }
}
