package dev.nnjit.wasm.kernels;

import dev.nnjit.ops.fused.Activation;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fixed (kernel, config, problem) triples whose wasm2wat text is snapshot-tested; names are files under kernels/wasm-snapshots. */
final class WasmKernelCatalog {
    private WasmKernelCatalog() {}

    static Map<String, WasmKernelInstance> snapshots() {
        Map<String, WasmKernelInstance> m = new LinkedHashMap<>();
        m.put("elementwise_add_u2", WasmElementwiseKernel.INSTANCE.instance(new WasmElementwiseConfig(2),
                new WasmElementwiseProblem(WasmElementwiseProblem.Op.ADD)));
        m.put("elementwise_relu_u1", WasmElementwiseKernel.INSTANCE.instance(new WasmElementwiseConfig(1),
                new WasmElementwiseProblem(WasmElementwiseProblem.Op.RELU)));
        m.put("elementwise_exp_u1", WasmElementwiseKernel.INSTANCE.instance(new WasmElementwiseConfig(1),
                new WasmElementwiseProblem(WasmElementwiseProblem.Op.EXP)));
        m.put("gemm_default_bias_relu_odd", WasmGemmKernel.INSTANCE.instance(WasmGemmConfig.DEFAULT,
                new WasmGemmProblem(37, 45, 29, true, Activation.RELU)));
        m.put("gemm_directA_relaxed_bert_ffn", WasmGemmKernel.INSTANCE.instance(
                new WasmGemmConfig(4, 8, 128, 64, 512, false, 4, true), WasmGemmProblem.of(128, 1536, 384)));
        m.put("gemm_relaxed_packedB_splitN_bert_ffn", WasmGemmKernel.INSTANCE.instance(
                WasmGemmConfig.RELAXED.withSplitColumns(true),
                new WasmGemmProblem(16, 3072, 768, true, Activation.GELU, true)));
        m.put("gemv_v4_bias", WasmGemvKernel.INSTANCE.instance(WasmGemvConfig.DEFAULT,
                new WasmGemmProblem(1, 1536, 384, true, Activation.NONE)));
        m.put("gemv_panels_nr8_p4_bias", WasmPanelGemvKernel.INSTANCE.instance(WasmPanelGemvConfig.DEFAULT,
                new WasmGemmProblem(1, 70, 64, true, Activation.NONE, true)));
        m.put("copy_u2_kv_concat", WasmCopyKernel.INSTANCE.instance(WasmElementwiseConfig.DEFAULT,
                new WasmCopyProblem(4096, 4096, 4224)));
        m.put("softmax_v2_attention", WasmSoftmaxKernel.INSTANCE.instance(WasmSoftmaxConfig.DEFAULT,
                new WasmSoftmaxProblem(128)));
        m.put("gemm_default_bias_gelu_bert_ffn", WasmGemmKernel.INSTANCE.instance(WasmGemmConfig.DEFAULT,
                new WasmGemmProblem(128, 1536, 384, true, Activation.GELU)));
        m.put("broadcast_add_row_mask", WasmBroadcastKernel.INSTANCE.instance(WasmElementwiseConfig.DEFAULT,
                new WasmBroadcastProblem(WasmElementwiseProblem.Op.ADD, 128, false)));
        m.put("norm_layer_bias_384", WasmNormKernel.INSTANCE.instance(WasmSoftmaxConfig.DEFAULT,
                new WasmNormProblem(WasmNormProblem.Kind.LAYER, 384, true, 1e-12f)));
        m.put("transpose_heads", WasmTransposeKernel.INSTANCE.instance(WasmTransposeConfig.DEFAULT,
                WasmTransposeProblem.of(new int[] {1, 128, 12, 32}, new int[] {0, 2, 1, 3})));
        return m;
    }
}
