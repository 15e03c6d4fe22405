package dev.nnjit.codegen;

import static dev.nnjit.codegen.ElementwiseExpr.input;
import static dev.nnjit.codegen.ElementwiseExpr.of;

import dev.nnjit.schedule.AdapterFeatures;
import dev.nnjit.ops.fused.Activation;
import dev.nnjit.ops.fused.ElementwiseOp;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.schedule.ElementwiseConfig;
import dev.nnjit.schedule.ElementwiseSpace;
import dev.nnjit.schedule.GemvConfig;
import dev.nnjit.schedule.GemvSpace;
import dev.nnjit.schedule.MatmulConfig;
import dev.nnjit.schedule.MatmulSpace;
import dev.nnjit.schedule.ReductionConfig;
import dev.nnjit.schedule.ReductionSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fixed (op, config) pairs for snapshots, and every candidate of each space for a set of problems. */
final class KernelCatalog {
    private KernelCatalog() {}

    private static final ScalarType F = ScalarType.F32;

    /** The snapshot set: names are file names under kernels/snapshots. */
    static Map<String, KernelInstance> snapshots() {
        Map<String, KernelInstance> m = new LinkedHashMap<>();
        MatmulProblem bert = MatmulProblem.matmul(new int[] {1, 128, 384}, new int[] {384, 1536}).withBias(new int[] {1536})
                .withActivation(Activation.GELU);
        m.put("matmul_bert_ffn_r4x4_reg", MatmulKernel.INSTANCE.instance(new MatmulConfig(32, 32, 8, 4, 4, true, false), bert));
        m.put("matmul_bert_ffn_wgm", MatmulKernel.INSTANCE.instance(new MatmulConfig(64, 64, 16, 8, 8, true, true), bert));
        MatmulProblem odd = MatmulProblem.matmul(new int[] {37, 29}, new int[] {29, 45});
        m.put("matmul_odd_reg", MatmulKernel.INSTANCE.instance(new MatmulConfig(32, 32, 8, 4, 4, false, false), odd));
        m.put("matmul_odd_wgm", MatmulKernel.INSTANCE.instance(new MatmulConfig(32, 32, 8, 4, 4, false, true), odd));
        MatmulProblem qk = MatmulProblem.matmul(new int[] {2, 12, 128, 64}, new int[] {2, 12, 64, 128})
                .withTranspose(false, true);
        m.put("matmul_attention_qkT", MatmulKernel.INSTANCE.instance(new MatmulConfig(32, 32, 8, 4, 4, false, false), qk));
        m.put("gemm_transA_bias", MatmulKernel.INSTANCE.instance(new MatmulConfig(16, 16, 8, 2, 2, false, false),
                MatmulProblem.gemm(33, 40, 19, true, false, 0.5f, 2f, new int[] {33, 1})));
        MatmulProblem dec = MatmulProblem.matmul(new int[] {1, 4096}, new int[] {4096, 4096}).withActivation(Activation.SILU);
        m.put("gemv_decoder", GemvKernel.INSTANCE.instance(new GemvConfig(32, 8, true), dec));
        m.put("gemv_transB", GemvKernel.INSTANCE.instance(new GemvConfig(64, 4, false),
                MatmulProblem.matmul(new int[] {1, 384}, new int[] {384, 30522}).withTranspose(false, true)));
        ElementwiseExpr x0 = input(0, F), x1 = input(1, F);
        m.put("elementwise_add_bcast", ElementwiseKernel.INSTANCE.instance(new ElementwiseConfig(64, 1, true),
                new ElementwiseProblem("Add", new int[] {2, 128, 384}, List.of(
                        ElementwiseInput.broadcast(F, new int[] {2, 128, 384}, new int[] {2, 128, 384}),
                        ElementwiseInput.broadcast(F, new int[] {384}, new int[] {2, 128, 384})),
                                of(ElementwiseOp.ADD, x0, x1))));
        ElementwiseExpr gelu = of(ElementwiseOp.MUL, of(ElementwiseOp.MUL, x0, ElementwiseExpr.f32(0.5)),
                of(ElementwiseOp.ADD, ElementwiseExpr.f32(1), of(ElementwiseOp.ERF, of(ElementwiseOp.DIV, x0,
                        ElementwiseExpr.f32(1.4142135)))));
        m.put("elementwise_gelu_graph", ElementwiseKernel.INSTANCE.instance(new ElementwiseConfig(128, 2, false),
                new ElementwiseProblem("Div+Erf+Add+Mul+Mul", new int[] {7, 5}, List.of(
                        ElementwiseInput.broadcast(F, new int[] {7, 5}, new int[] {7, 5})), gelu)));
        m.put("elementwise_mask_where", ElementwiseKernel.INSTANCE.instance(new ElementwiseConfig(64, 1, true),
                DataMovement.where(new int[] {1, 1, 128, 128}, F, new int[] {2, 12, 128, 128}, new int[] {})));
        m.put("transpose_0213", ElementwiseKernel.INSTANCE.instance(new ElementwiseConfig(64, 1, false),
                DataMovement.transpose(F, new int[] {2, 128, 12, 64}, new int[] {0, 2, 1, 3})));
        m.put("slice_step2", ElementwiseKernel.INSTANCE.instance(new ElementwiseConfig(64, 1, false),
                DataMovement.slice(F, new int[] {4, 10}, new long[] {-1, 1}, new long[] {-100, 9}, null, new long[] {-1, 2})));
        m.put("cast_f32_i32", ElementwiseKernel.INSTANCE.instance(new ElementwiseConfig(64, 1, true),
                DataMovement.cast(F, ScalarType.I32, new int[] {3, 8})));
        m.put("gather_embedding", GatherKernel.INSTANCE.instance(new ElementwiseConfig(64, 1, true),
                new GatherProblem(F, new int[] {30522, 384}, 0, new int[] {2, 128})));
        m.put("concat_kv", ConcatKernel.INSTANCE.instance(new ElementwiseConfig(64, 1, true),
                new ConcatProblem(F, List.of(new int[] {1, 12, 7, 64}, new int[] {1, 12, 1, 64}), 2)));
        m.put("softmax_attention", SoftmaxKernel.INSTANCE.instance(new ReductionConfig(64, 1),
                SoftmaxProblem.lastAxis(2 * 12 * 128, 128, false)));
        m.put("softmax_attention_serial", SoftmaxKernel.INSTANCE.instance(new ReductionConfig(64, 64),
                SoftmaxProblem.lastAxis(12 * 128, 128, false)));
        m.put("softmax_middle_axis_serial", SoftmaxKernel.INSTANCE.instance(new ReductionConfig(4, 4),
                SoftmaxProblem.onAxis(new int[] {3, 5, 7}, 1, true)));
        m.put("layer_norm_serial", NormKernel.INSTANCE.instance(new ReductionConfig(16, 16),
                new NormProblem(NormProblem.Kind.LAYER, 125, 384, 1e-12f, true)));
        m.put("reduce_logsumexp_serial", ReduceKernel.INSTANCE.instance(new ReductionConfig(8, 8),
                new ReduceProblem(ReduceProblem.Op.LOG_SUM_EXP, new int[] {3, 50, 7}, new int[] {1})));
        m.put("softmax_middle_axis", SoftmaxKernel.INSTANCE.instance(new ReductionConfig(64, 4),
                SoftmaxProblem.onAxis(new int[] {3, 5, 7}, 1, true)));
        m.put("layer_norm", NormKernel.INSTANCE.instance(new ReductionConfig(128, 1),
                new NormProblem(NormProblem.Kind.LAYER, 256, 384, 1e-12f, true)));
        m.put("rms_norm", NormKernel.INSTANCE.instance(new ReductionConfig(64, 2),
                new NormProblem(NormProblem.Kind.RMS, 7, 4096, 1e-6f, false)));
        m.put("reduce_mean_last", ReduceKernel.INSTANCE.instance(new ReductionConfig(64, 1),
                new ReduceProblem(ReduceProblem.Op.MEAN, new int[] {2, 128, 384}, new int[] {-1})));
        m.put("reduce_max_axis1", ReduceKernel.INSTANCE.instance(new ReductionConfig(32, 8),
                new ReduceProblem(ReduceProblem.Op.MAX, new int[] {3, 50, 7}, new int[] {1})));
        // Subgroup schedules (offered only on adapters with subgroups and subgroup_id).
        m.put("softmax_attention_subgroup_rows", SoftmaxKernel.INSTANCE.instance(new ReductionConfig(64, 4, true),
                SoftmaxProblem.lastAxis(12 * 128, 128, false)));
        m.put("layer_norm_subgroup_tree", NormKernel.INSTANCE.instance(new ReductionConfig(128, 1, true),
                new NormProblem(NormProblem.Kind.LAYER, 125, 384, 1e-12f, true)));
        m.put("gemv_transB_subgroups", GemvKernel.INSTANCE.instance(new GemvConfig(2, 128, false, true),
                MatmulProblem.matmul(new int[] {1, 384}, new int[] {384, 30522}).withTranspose(false, true)));
        m.put("matmul_bert_ffn_subgroup_broadcast", MatmulKernel.INSTANCE.instance(
                new MatmulConfig(4, 512, 4, 4, 8, true, false, true), bert));
        m.put("matmul_attention_qkT_subgroup_broadcast", MatmulKernel.INSTANCE.instance(
                new MatmulConfig(8, 128, 4, 8, 4, false, false, true), qk));
        return m;
    }

    /** Whether a kernel needs a device with the subgroups feature. */
    static boolean usesSubgroups(KernelInstance k) { return k.wgsl().contains("\nenable subgroups;\n"); }

    /** Matmul problems covering odd edges, M = 1, batch broadcast and transposes. */
    static List<MatmulProblem> matmulProblems() {
        return List.of(
                MatmulProblem.matmul(new int[] {37, 29}, new int[] {29, 45}),
                MatmulProblem.matmul(new int[] {128, 384}, new int[] {384, 1536}).withBias(new int[] {1536})
                        .withActivation(Activation.GELU),
                MatmulProblem.matmul(new int[] {1, 768}, new int[] {768, 3072}),
                MatmulProblem.matmul(new int[] {3, 1, 5, 64}, new int[] {4, 64, 12}),
                MatmulProblem.matmul(new int[] {2, 12, 128, 64}, new int[] {2, 12, 64, 128}).withTranspose(false, true),
                MatmulProblem.gemm(7, 1000, 2048, false, true, 1f, 1f, new int[] {1000}),
                MatmulProblem.matmul(new int[] {4096, 4096}, new int[] {4096, 4096}));
    }

    /**
     * Every candidate of every space for the problems above and a few elementwise / reduction problems, on an adapter
     * with subgroups (sizes unknown), so subgroup schedules are included.
     */
    static Map<String, KernelInstance> allCandidates() {
        AdapterLimits lim = AdapterLimits.defaults();
        AdapterFeatures sg = new AdapterFeatures(true, false, 0, 0, true);
        Map<String, KernelInstance> m = new LinkedHashMap<>();
        int pi = 0;
        for (MatmulProblem p : matmulProblems()) {
            for (MatmulConfig c : MatmulSpace.candidates(p.m(), p.n(), p.k(), p.batch(), p.transB(), lim, sg)) {
                m.put("mm" + pi + "_" + c.key(), MatmulKernel.INSTANCE.instance(c, p));
            }
            if (p.m() == 1) {
                for (GemvConfig c : GemvSpace.candidates(p.n(), p.k(), p.batch(), p.transB(), lim, sg)) {
                    m.put("gemv" + pi + "_" + c.key(), GemvKernel.INSTANCE.instance(c, p));
                }
            }
            pi++;
        }
        List<ElementwiseProblem> ew = new ArrayList<>();
        ew.add(DataMovement.transpose(F, new int[] {2, 3, 4, 8}, new int[] {0, 2, 1, 3}));
        ew.add(DataMovement.where(new int[] {5, 1}, ScalarType.I32, new int[] {5, 7}, new int[] {7}));
        ew.add(DataMovement.slice(F, new int[] {9, 16}, new long[] {1, 0}, new long[] {8, 16}, null, new long[] {3, 1}));
        int ei = 0;
        for (ElementwiseProblem p : ew) {
            for (ElementwiseConfig c : ElementwiseSpace.candidates(p.elements(), p.vec4Allowed(), lim)) {
                m.put("ew" + ei + "_" + c.key(), ElementwiseKernel.INSTANCE.instance(c, p));
            }
            ei++;
        }
        GatherProblem g = new GatherProblem(F, new int[] {100, 16}, 0, new int[] {3, 5});
        for (ElementwiseConfig c : ElementwiseSpace.candidates(Wgsl.product(g.outShape()), g.vec4Allowed(), lim)) {
            m.put("gather_" + c.key(), GatherKernel.INSTANCE.instance(c, g));
        }
        SoftmaxProblem sm = SoftmaxProblem.lastAxis(1000, 77, false);
        for (ReductionConfig c : ReductionSpace.candidates(1000, 77, lim, sg)) {
            m.put("softmax_" + c.key(), SoftmaxKernel.INSTANCE.instance(c, sm));
        }
        NormProblem ln = new NormProblem(NormProblem.Kind.LAYER, 30, 768, 1e-5f, true);
        for (ReductionConfig c : ReductionSpace.candidates(30, 768, lim, sg)) {
            m.put("layernorm_" + c.key(), NormKernel.INSTANCE.instance(c, ln));
        }
        ReduceProblem rp = new ReduceProblem(ReduceProblem.Op.SUM, new int[] {6, 10, 9}, new int[] {0, 2});
        for (ReductionConfig c : ReductionSpace.candidates(10, 54, lim, sg)) {
            m.put("reduce_" + c.key(), ReduceKernel.INSTANCE.instance(c, rp));
        }
        return m;
    }
}
