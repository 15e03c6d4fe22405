package dev.nnjit.codegen;

import dev.nnjit.schedule.ConvConfig;
import dev.nnjit.schedule.ElementwiseConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixed (problem, config) pairs of the generators added for op coverage (map, index-mapping, scatter, scan, pooling,
 * convolution, integer matmul, einsum), snapshot-tested under kernels/snapshots/coverage and validated by Tint.
 */
final class CoverageKernelCatalog {
    private CoverageKernelCatalog() {}

    private static final ScalarType F = ScalarType.F32;
    private static final ScalarType I = ScalarType.I32;
    private static final ElementwiseConfig S = new ElementwiseConfig(64, 1, false);
    private static final ElementwiseConfig S2 = new ElementwiseConfig(128, 2, false);

    private static MapProblem map(MapFn fn, int[] out, List<ScalarType> types, List<int[]> shapes, float... params) {
        return MapProblem.broadcast(fn, out, types, shapes, params);
    }

    static Map<String, KernelInstance> snapshots() {
        Map<String, KernelInstance> m = new LinkedHashMap<>();
        int[] v = {3, 41};
        m.put("map_sin", MapKernel.INSTANCE.instance(S, map(MapFn.SIN, v, List.of(F), List.of(v))));
        m.put("map_acosh", MapKernel.INSTANCE.instance(S, map(MapFn.ACOSH, v, List.of(F), List.of(v))));
        m.put("map_mish", MapKernel.INSTANCE.instance(S, map(MapFn.MISH, v, List.of(F), List.of(v))));
        m.put("map_fmod_bcast", MapKernel.INSTANCE.instance(S2, map(MapFn.FMOD, new int[] {4, 3, 5}, List.of(F, F),
                List.of(new int[] {3, 1}, new int[] {4, 1, 1}))));
        m.put("map_mod_int", MapKernel.INSTANCE.instance(S, map(MapFn.MOD, v, List.of(I, I), List.of(v, new int[] {41}))));
        m.put("map_shift_left_u8", MapKernel.INSTANCE.instance(S, map(MapFn.SHIFT_LEFT, v, List.of(I, I),
                List.of(v, v), 8)));
        m.put("map_is_inf_pos", MapKernel.INSTANCE.instance(S, map(MapFn.IS_INF, v, List.of(F), List.of(v), 1, 0)));
        m.put("map_wrap_int8_from_f32", MapKernel.INSTANCE.instance(S, map(MapFn.WRAP_INT, v, List.of(F), List.of(v),
                8, 1)));
        m.put("map_round_f16", MapKernel.INSTANCE.instance(S, map(MapFn.ROUND_F16, v, List.of(F), List.of(v))));
        m.put("map_quantize_per_axis", MapKernel.INSTANCE.instance(S, new MapProblem(MapFn.QUANTIZE, new int[] {2, 3, 5},
                List.of(ElementwiseInput.broadcast(F, new int[] {2, 3, 5}, new int[] {2, 3, 5}),
                        new ElementwiseInput(F, new int[] {3}, 0, new int[] {0, 1, 0}),
                        new ElementwiseInput(I, new int[] {3}, 0, new int[] {0, 1, 0})), new float[] {-128, 127})));
        m.put("map_pow_int_float_exp", MapKernel.INSTANCE.instance(S, map(MapFn.POW_INT_FLOAT_EXP, v, List.of(I, F),
                List.of(v, v))));
        m.put("trilu_lower_k2", TriluKernel.INSTANCE.instance(S, new TriluProblem(F, new int[] {2, 5, 7}, false, 2)));
        m.put("pad_reflect", PadKernel.INSTANCE.instance(S, new PadProblem(F, new int[] {4, 5}, new int[] {3, -1},
                new int[] {10, 7}, PadProblem.Mode.REFLECT, 0, false)));
        m.put("pad_constant_bound", PadKernel.INSTANCE.instance(S, new PadProblem(I, new int[] {3, 5}, new int[] {1, 2},
                new int[] {6, 9}, PadProblem.Mode.CONSTANT, 0, true)));
        m.put("onehot_f32_indices", OneHotKernel.INSTANCE.instance(S, new OneHotProblem(F, new int[] {2, 3}, 4, 1, F)));
        m.put("gather_elements_axis1", GatherElementsKernel.INSTANCE.instance(S, new GatherElementsProblem(F,
                new int[] {3, 5, 4}, new int[] {3, 7, 4}, 1)));
        m.put("scatter_nd_add", ScatterKernel.INSTANCE.instance(S, new ScatterProblem(ScatterProblem.Kind.ND,
                ScatterProblem.Reduction.ADD, F, new int[] {4, 3, 5}, new int[] {6, 1}, 0)));
        m.put("scatter_elements_none", ScatterKernel.INSTANCE.instance(S, new ScatterProblem(ScatterProblem.Kind.ELEMENTS,
                ScatterProblem.Reduction.NONE, F, new int[] {3, 6}, new int[] {3, 9}, 1)));
        m.put("cumsum_exclusive_reverse", CumSumKernel.INSTANCE.instance(S, new CumSumProblem(F, new int[] {4, 33, 3}, 1,
                true, true)));
        m.put("pool_max_indices", PoolKernel.INSTANCE.instance(S, new PoolProblem(PoolProblem.Kind.MAX, F, 2, 3,
                new int[] {9, 8}, new int[] {3, 2}, new int[] {2, 2}, new int[] {1, 2}, new int[] {1, 0}, new int[] {1, 1},
                new int[] {5, 4}, false, 2, true, true)));
        m.put("pool_average_include_pad", PoolKernel.INSTANCE.instance(S, new PoolProblem(PoolProblem.Kind.AVERAGE, F, 1,
                3, new int[] {7, 6}, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 2},
                new int[] {1, 0}, new int[] {7, 6}, true, 2, false, false)));
        ConvProblem conv = new ConvProblem(2, 4, new int[] {9, 7}, 6, new int[] {3, 2}, 2, new int[] {2, 1},
                new int[] {1, 2}, new int[] {1, 0}, new int[] {5, 5}, true);
        m.put("conv_2d_group_bias", ConvKernel.INSTANCE.instance(new ConvConfig(2, 4, 2, 32), conv));
        ConvProblem depthwise = new ConvProblem(1, 7, new int[] {6, 5}, 7, new int[] {3, 3}, 7, new int[] {1, 1},
                new int[] {1, 1}, new int[] {1, 1}, new int[] {6, 5}, false);
        m.put("conv_depthwise", ConvKernel.INSTANCE.instance(new ConvConfig(1, 4, 1, 64), depthwise));
        m.put("conv_transpose_stride", ConvTransposeKernel.INSTANCE.instance(S, new ConvTransposeProblem(2, 3,
                new int[] {4, 5}, 2, new int[] {3, 3}, 1, new int[] {3, 2}, new int[] {1, 1}, new int[] {1, 0},
                new int[] {10, 10}, true)));
        m.put("int_matmul_zero_points", IntMatmulKernel.INSTANCE.instance(S, new IntMatmulProblem(new int[] {2},
                new int[] {15}, new int[] {0}, 3, 4, 5, 2, 1)));
        m.put("einsum_batched", EinsumKernel.INSTANCE.instance(S, new EinsumProblem(F,
                List.of(new int[] {2, 3, 4}, new int[] {2, 4, 5}), new int[] {2, 3, 5, 4},
                new int[][] {{12, 4, 0, 1}, {20, 0, 1, 5}}, 3)));
        return m;
    }
}
