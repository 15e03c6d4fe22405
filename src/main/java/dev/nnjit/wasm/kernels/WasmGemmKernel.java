package dev.nnjit.wasm.kernels;

import dev.nnjit.wasm.ValType;
import dev.nnjit.wasm.WasmCode;
import dev.nnjit.wasm.WasmCode.Label;
import dev.nnjit.wasm.WasmCode.Local;
import dev.nnjit.wasm.WasmModule;
import java.util.List;

/**
 * GEMM {@code C (m,n) = act(A (m,k) @ B (k,n) [+ bias (n)])} for rows [row_start, row_end) of C (or, with
 * {@link WasmGemmConfig#splitColumns}, columns [col_start, col_end)), with f32x4 SIMD and GotoBLAS-style blocking
 * (see {@link WasmGemmConfig}).
 *
 * <pre>
 *   main(a, b, [bias,] c, workspace, row_start, row_end)      byte offsets; rows of C
 *   main(a, b, [bias,] c, workspace, col_start, col_end)      the same, split by columns
 *
 *   for jc in col_start..col_end (0..n) step nc         B block columns
 *     for pc in 0..k step kc                    K block
 *       pack B[pc:pc+kb, jc:jc+nb] into nr-column panels (k-major, zero-padded to nr columns)
 *           (packedB: B is already in such panels over all of K, see packB; nothing to do)
 *       for ic in row_start..row_end (0..m) step mc
 *         [pack A[ic:ic+mb, pc:pc+kb] into mr-row slivers (k-major); missing rows repeat the last valid one]
 *         for jr in 0..nb step nr, ir in 0..mb step mr
 *           acc (mr x nr, in mr*nr/4 v128) = sum over the block's k of splat(A[i][p]) * B[p][j:j+4]
 *           C tile (=, when pc = 0; +=, later) acc; tiles cut by the matrix edge go through a scratch tile
 *   C[row_start:row_end, :] = act(C + bias)     (only with an epilogue)
 * </pre>
 *
 * <p>Numerics: each C[i][j] is the f32 sum over k in increasing order of rounded products (mul then add, no
 * contraction), unless {@code relaxedMadd}, where the engine may fuse each multiply-add. The workspace
 * ({@link #workspaceBytes}) must be 16-byte aligned and private to the call; tensors need only 4-byte alignment.
 * Rows (columns) outside the range are not touched, so Workers may take disjoint ranges. Where B is packed, a
 * column range must start at a multiple of nr.
 */
public final class WasmGemmKernel implements WasmKernelGenerator<WasmGemmConfig, WasmGemmProblem> {
    public static final WasmGemmKernel INSTANCE = new WasmGemmKernel();

    private WasmGemmKernel() {}

    @Override public String family() { return "wasm_gemm"; }

    @Override public List<String> params(WasmGemmConfig config, WasmGemmProblem p) {
        String start = config.splitColumns() ? "col_start" : "row_start", end = config.splitColumns() ? "col_end" : "row_end";
        return p.bias() ? List.of("a", "b", "bias", "c", "workspace", start, end)
                : List.of("a", "b", "c", "workspace", start, end);
    }

    /**
     * B packed ahead of time, the layout of a {@link WasmGemmProblem#packedB} problem: ceil(n / nr) panels, panel q
     * holding columns [q*nr, q*nr + nr) of B as k rows of nr floats (k-major), zero past column n. Column j, row p of
     * B is at float {@code (j / nr) * k * nr + p * nr + j % nr}, so block (jc, pc) of a panel starting at column jc
     * (a multiple of nr) starts at float {@code jc * k + pc * nr}.
     *
     * @param b B (k,n) row-major, or with {@code transposed} B^T (n,k) row-major (a Gemm's transB weight)
     */
    public static float[] packB(float[] b, int k, int n, int nr, boolean transposed) {
        if (b.length != k * n) throw new IllegalArgumentException("B has " + b.length + " floats, not " + k + "x" + n);
        int panels = (n + nr - 1) / nr;
        float[] out = new float[panels * k * nr];
        // plain loops (System.arraycopy of nr floats per call costs more than the copy in the browser builds), over
        // blocks of rows of B: panel by panel over all of k, a row-major B's rows (n = 32000: 128 KB apart) would be
        // read nr floats per row and page; per block, each panel gets rowsPerBlock * nr contiguous floats
        final int rowsPerBlock = 64;
        if (transposed) {
            for (int q = 0; q < panels; q++) {
                int cols = Math.min(nr, n - q * nr), o = q * k * nr;
                for (int r = 0; r < cols; r++) {
                    int src = (q * nr + r) * k;
                    for (int p = 0; p < k; p++) out[o + p * nr + r] = b[src + p];
                }
            }
            return out;
        }
        for (int p0 = 0; p0 < k; p0 += rowsPerBlock) {
            int p1 = Math.min(k, p0 + rowsPerBlock);
            for (int q = 0; q < panels; q++) {
                int cols = Math.min(nr, n - q * nr);
                for (int p = p0, src = p0 * n + q * nr, o = q * k * nr + p0 * nr; p < p1; p++, src += n, o += nr) {
                    for (int r = 0; r < cols; r++) out[o + r] = b[src + r];
                }
            }
        }
        return out;
    }

    /** Floats of {@link #packB}'s output. */
    public static int packedBFloats(int k, int n, int nr) { return (n + nr - 1) / nr * k * nr; }

    private static int align16(int bytes) { return (bytes + 15) & ~15; }

    private static int roundUp(int v, int to) { return (v + to - 1) / to * to; }

    private static int packedBBytes(WasmGemmConfig cf, WasmGemmProblem p) {
        if (p.packedB()) return 0;
        return align16(4 * Math.min(cf.kc(), p.k()) * roundUp(Math.min(cf.nc(), p.n()), cf.nr()));
    }

    private static int packedABytes(WasmGemmConfig cf, WasmGemmProblem p) {
        return cf.packA() ? align16(4 * Math.min(cf.kc(), p.k()) * roundUp(Math.min(cf.mc(), p.m()), cf.mr())) : 0;
    }

    @Override public int workspaceBytes(WasmGemmConfig cf, WasmGemmProblem p) {
        return packedBBytes(cf, p) + packedABytes(cf, p) + align16(4 * cf.mr() * cf.nr());
    }

    /** Generation state for one module: the locals of the entry function. */
    private static final class Gen {
        final WasmGemmConfig cf;
        final WasmGemmProblem p;
        final WasmCode c;
        final Local a, b, bias, cOut, ws, rangeStart, rangeEnd;
        /** Where the row loop starts and ends, and the column loop (the range, or the whole matrix). */
        final Loops.I32 rowFrom, rowTo, colFrom, colTo;
        final Local jc, nb, pc, kb, ic, mb, jr, cols, ir, rows, i, j, src, dst, pA, pB, cPtr, bp, ap, edge;
        final Local[] rowPtr;
        final Local[][] acc;
        final Local[] bv;
        final Local av;
        final VectorActivation act;

        Gen(WasmGemmConfig cf, WasmGemmProblem p, WasmCode c) {
            this.cf = cf;
            this.p = p;
            this.c = c;
            int q = 0;
            a = c.param(q++);
            b = c.param(q++);
            bias = p.bias() ? c.param(q++) : null;
            cOut = c.param(q++);
            ws = c.param(q++);
            rangeStart = c.param(q++);
            rangeEnd = c.param(q);
            boolean byColumns = cf.splitColumns();
            rowFrom = byColumns ? Loops.of(0) : Loops.of(rangeStart);
            rowTo = byColumns ? Loops.of(p.m()) : Loops.of(rangeEnd);
            colFrom = byColumns ? Loops.of(rangeStart) : Loops.of(0);
            colTo = byColumns ? Loops.of(rangeEnd) : Loops.of(p.n());
            jc = i32("jc");
            nb = i32("nb");
            pc = i32("pc");
            kb = i32("kb");
            ic = i32("ic");
            mb = i32("mb");
            jr = i32("jr");
            cols = i32("cols");
            ir = i32("ir");
            rows = i32("rows");
            i = i32("i");
            j = i32("j");
            src = i32("src");
            dst = i32("dst");
            pA = i32("pa");
            pB = i32("pb");
            cPtr = i32("cptr");
            bp = i32("packed_b");
            ap = i32("packed_a");
            edge = i32("edge_tile");
            rowPtr = new Local[cf.mr()];
            for (int r = 0; r < cf.mr(); r++) rowPtr[r] = i32("a_row" + r);
            acc = new Local[cf.mr()][cf.nr() / 4];
            for (int r = 0; r < cf.mr(); r++) {
                for (int v = 0; v < cf.nr() / 4; v++) acc[r][v] = c.local(ValType.V128, "acc" + r + "_" + v);
            }
            bv = new Local[cf.nr() / 4];
            for (int v = 0; v < bv.length; v++) bv[v] = c.local(ValType.V128, "b" + v);
            av = c.local(ValType.V128, "a_splat");
            act = new VectorActivation(c, p.activation(), "");
        }

        private Local i32(String name) { return c.local(ValType.I32, name); }

        /** out = min(x, limit - base). */
        void minRest(Local out, int x, Loops.I32 limit, Local base) {
            c.i32Const(x);
            limit.push(c);
            c.localGet(base).i32Sub();
            c.i32Const(x);
            limit.push(c);
            c.localGet(base).i32Sub();
            c.i32LtS().select().localSet(out);
        }

        void add(Local l, int v) { c.localGet(l).i32Const(v).i32Add().localSet(l); }

        void emit() {
            c.localGet(ws).localSet(bp);
            c.localGet(ws).i32Const(packedBBytes(cf, p)).i32Add().localSet(ap);
            c.localGet(ap).i32Const(packedABytes(cf, p)).i32Add().localSet(edge);
            colFrom.push(c);
            c.localSet(jc);
            Loops.whileFits(c, jc, 1, colTo, cf.nc(), () -> {
                minRest(nb, cf.nc(), colTo, jc);
                c.i32Const(0).localSet(pc);
                Loops.whileFits(c, pc, 1, Loops.of(p.k()), cf.kc(), () -> {
                    minRest(kb, cf.kc(), Loops.of(p.k()), pc);
                    if (!p.packedB()) packB();
                    rowFrom.push(c);
                    c.localSet(ic);
                    Loops.whileFits(c, ic, 1, rowTo, cf.mc(), () -> {
                        minRest(mb, cf.mc(), rowTo, ic);
                        if (cf.packA()) packA();
                        c.i32Const(0).localSet(jr);
                        Loops.whileFits(c, jr, 1, Loops.of(nb), cf.nr(), () -> {
                            minRest(cols, cf.nr(), Loops.of(nb), jr);
                            c.i32Const(0).localSet(ir);
                            Loops.whileFits(c, ir, 1, Loops.of(mb), cf.mr(), () -> {
                                minRest(rows, cf.mr(), Loops.of(mb), ir);
                                microTile();
                            });
                        });
                    });
                });
            });
            if (p.hasEpilogue()) epilogue();
        }

        /** B[pc:pc+kb, jc:jc+nb] -> nr-column panels at bp, panel after panel, each kb rows of nr floats. */
        void packB() {
            c.localGet(bp).localSet(dst);
            c.i32Const(0).localSet(jr);
            Loops.whileFits(c, jr, 1, Loops.of(nb), cf.nr(), () -> {
                minRest(cols, cf.nr(), Loops.of(nb), jr);
                // src = b + (pc*n + jc + jr) * 4
                c.localGet(b).localGet(pc).i32Const(p.n()).i32Mul().localGet(jc).i32Add().localGet(jr).i32Add()
                        .i32Const(2).i32Shl().i32Add().localSet(src);
                c.localGet(cols).i32Const(cf.nr()).i32Eq();
                Label full = c.ifThen();
                c.i32Const(0).localSet(i);
                Loops.whileFits(c, i, 1, Loops.of(kb), 1, () -> {
                    for (int v = 0; v < cf.nr() / 4; v++) c.localGet(dst).localGet(src).v128Load(16 * v, 2).v128Store(16 * v, 4);
                    add(src, 4 * p.n());
                    add(dst, 4 * cf.nr());
                });
                c.elseBranch();
                c.i32Const(0).localSet(i);
                Loops.whileFits(c, i, 1, Loops.of(kb), 1, () -> {
                    for (int q = 0; q < cf.nr(); q++) {
                        c.localGet(dst).f32Const(0f).f32Store(4 * q);
                        c.localGet(cols).i32Const(q).i32GtS();
                        Label has = c.ifThen();
                        c.localGet(dst).localGet(src).f32Load(4 * q).f32Store(4 * q);
                        c.end(has);
                    }
                    add(src, 4 * p.n());
                    add(dst, 4 * cf.nr());
                });
                c.end(full);
            });
        }

        /**
         * rowPtr[r] = a + ((ic + ir + min(r, rows - 1)) * k + pc) * 4: rows past the edge re-read the last valid
         * row (their results are never stored), so no load leaves A.
         */
        void rowPointers() {
            for (int r = 0; r < cf.mr(); r++) {
                c.localGet(a).localGet(ic).localGet(ir).i32Add();
                if (r > 0) {
                    c.i32Const(r);
                    c.localGet(rows).i32Const(1).i32Sub();
                    c.i32Const(r).localGet(rows).i32Const(1).i32Sub().i32LtS().select();
                    c.i32Add();
                }
                c.i32Const(p.k()).i32Mul().localGet(pc).i32Add().i32Const(2).i32Shl().i32Add().localSet(rowPtr[r]);
            }
        }

        /** A[ic:ic+mb, pc:pc+kb] -> mr-row slivers at ap, each kb steps of mr floats. */
        void packA() {
            c.localGet(ap).localSet(dst);
            c.i32Const(0).localSet(ir);
            Loops.whileFits(c, ir, 1, Loops.of(mb), cf.mr(), () -> {
                minRest(rows, cf.mr(), Loops.of(mb), ir);
                rowPointers();
                c.i32Const(0).localSet(i);
                Loops.whileFits(c, i, 1, Loops.of(kb), 1, () -> {
                    for (int r = 0; r < cf.mr(); r++) {
                        c.localGet(dst).localGet(rowPtr[r]).f32Load(0).f32Store(4 * r);
                        add(rowPtr[r], 4);
                    }
                    add(dst, 4 * cf.mr());
                });
            });
        }

        /** One k step at unroll position u: acc[r][v] += splat(A[r][k]) * B[k][4v:4v+4]. */
        void step(int u) {
            int nv = cf.nr() / 4;
            for (int v = 0; v < nv; v++) c.localGet(pB).v128Load(4 * (u * cf.nr() + 4 * v), 4).localSet(bv[v]);
            for (int r = 0; r < cf.mr(); r++) {
                if (cf.packA()) c.localGet(pA).v128Load32Splat(4 * (u * cf.mr() + r));
                else c.localGet(rowPtr[r]).v128Load32Splat(4 * u);
                c.localSet(av);
                for (int v = 0; v < nv; v++) {
                    if (cf.relaxedMadd()) {
                        c.localGet(av).localGet(bv[v]).localGet(acc[r][v]).f32x4RelaxedMadd();
                    } else {
                        c.localGet(acc[r][v]).localGet(av).localGet(bv[v]).f32x4Mul().f32x4Add();
                    }
                    c.localSet(acc[r][v]);
                }
            }
        }

        void advance(int steps) {
            add(pB, 4 * steps * cf.nr());
            if (cf.packA()) add(pA, 4 * steps * cf.mr());
            else for (Local r : rowPtr) add(r, 4 * steps);
        }

        void microTile() {
            int nv = cf.nr() / 4;
            c.v128ConstI32(0, 0, 0, 0);
            for (int r = 0; r < cf.mr(); r++) {
                for (int v = 0; v < nv; v++) {
                    if (r == cf.mr() - 1 && v == nv - 1) c.localSet(acc[r][v]);
                    else c.localTee(acc[r][v]);
                }
            }
            if (cf.packA()) {
                c.localGet(ap).localGet(ir).localGet(kb).i32Mul().i32Const(2).i32Shl().i32Add().localSet(pA);
            } else {
                rowPointers();
            }
            if (p.packedB()) {
                // pB = b + ((jc + jr) * k + pc * nr) * 4: panel (jc + jr) / nr, row pc (see packB)
                c.localGet(b).localGet(jc).localGet(jr).i32Add().i32Const(p.k()).i32Mul().localGet(pc)
                        .i32Const(cf.nr()).i32Mul().i32Add().i32Const(2).i32Shl().i32Add().localSet(pB);
            } else {
                c.localGet(bp).localGet(jr).localGet(kb).i32Mul().i32Const(2).i32Shl().i32Add().localSet(pB);
            }
            c.i32Const(0).localSet(i);
            int ku = cf.kUnroll();
            Loops.whileFits(c, i, ku, Loops.of(kb), ku, () -> {
                for (int u = 0; u < ku; u++) step(u);
                advance(ku);
            });
            if (ku > 1) {
                Loops.whileFits(c, i, 1, Loops.of(kb), 1, () -> {
                    step(0);
                    advance(1);
                });
            }
            storeTile();
        }

        void storeTile() {
            int nv = cf.nr() / 4, rowBytes = 4 * p.n();
            // cptr = c + ((ic + ir) * n + jc + jr) * 4
            c.localGet(cOut).localGet(ic).localGet(ir).i32Add().i32Const(p.n()).i32Mul().localGet(jc).i32Add()
                    .localGet(jr).i32Add().i32Const(2).i32Shl().i32Add().localSet(cPtr);
            c.localGet(rows).i32Const(cf.mr()).i32Eq().localGet(cols).i32Const(cf.nr()).i32Eq().i32And();
            Label full = c.ifThen();
            c.localGet(pc).i32Eqz();
            Label first = c.ifThen();
            for (int r = 0; r < cf.mr(); r++) {
                for (int v = 0; v < nv; v++) c.localGet(cPtr).localGet(acc[r][v]).v128Store(r * rowBytes + 16 * v, 2);
            }
            c.elseBranch();
            for (int r = 0; r < cf.mr(); r++) {
                for (int v = 0; v < nv; v++) {
                    int off = r * rowBytes + 16 * v;
                    c.localGet(cPtr).localGet(acc[r][v]).localGet(cPtr).v128Load(off, 2).f32x4Add().v128Store(off, 2);
                }
            }
            c.end(first);
            c.elseBranch();
            for (int r = 0; r < cf.mr(); r++) {
                for (int v = 0; v < nv; v++) c.localGet(edge).localGet(acc[r][v]).v128Store(4 * (r * cf.nr() + 4 * v), 4);
            }
            for (int row = 0; row < cf.mr(); row++) {
                int r = row;
                c.localGet(rows).i32Const(r).i32GtS();
                Label has = c.ifThen();
                c.i32Const(0).localSet(j);
                Loops.whileFits(c, j, 1, Loops.of(cols), 1, () -> {
                    // C[r][j] = edge[r][j] + (pc == 0 ? 0 : C[r][j])
                    c.localGet(cPtr).localGet(j).i32Const(2).i32Shl().i32Add().localTee(dst);
                    c.localGet(edge).localGet(j).i32Const(2).i32Shl().i32Add().f32Load(4 * r * cf.nr());
                    c.f32Const(0f).localGet(dst).f32Load(r * rowBytes).localGet(pc).i32Eqz().select();
                    c.f32Add().f32Store(r * rowBytes);
                });
                c.end(has);
            }
            c.end(full);
        }

        /** C[rows, cols] = act(C + bias) over the call's range, four columns at a time, then a one-column tail. */
        void epilogue() {
            rowFrom.push(c);
            c.localSet(i);
            Loops.whileFits(c, i, 1, rowTo, 1, () -> {
                // dst = c + i * n * 4 [+ col_start * 4], src = bias [+ col_start * 4]
                c.localGet(cOut).localGet(i).i32Const(4 * p.n()).i32Mul().i32Add();
                if (cf.splitColumns()) c.localGet(rangeStart).i32Const(2).i32Shl().i32Add();
                c.localSet(dst);
                if (bias != null) {
                    c.localGet(bias);
                    if (cf.splitColumns()) c.localGet(rangeStart).i32Const(2).i32Shl().i32Add();
                    c.localSet(src);
                }
                colFrom.push(c);
                c.localSet(j);
                Loops.whileFits(c, j, 4, colTo, 4, () -> {
                    c.localGet(dst).localGet(dst).v128Load(0, 2);
                    epilogueOp(() -> c.localGet(src).v128Load(0, 2));
                    c.v128Store(0, 2);
                    add(dst, 16);
                    if (bias != null) add(src, 16);
                });
                Loops.whileFits(c, j, 1, colTo, 1, () -> {
                    c.localGet(dst).localGet(dst).v128Load32Zero(0);
                    epilogueOp(() -> c.localGet(src).v128Load32Zero(0));
                    c.f32x4ExtractLane(0).f32Store(0);
                    add(dst, 4);
                    if (bias != null) add(src, 4);
                });
            });
        }

        private void epilogueOp(Runnable loadBias) {
            if (bias != null) {
                loadBias.run();
                c.f32x4Add();
            }
            act.emit(c);
        }
    }

    @Override public WasmModule module(WasmGemmConfig config, WasmGemmProblem problem) {
        WasmModule m = KernelAbi.module(config.relaxedMadd());
        WasmCode c = KernelAbi.entry(m, "gemm", params(config, problem));
        new Gen(config, problem, c).emit();
        return m;
    }
}
