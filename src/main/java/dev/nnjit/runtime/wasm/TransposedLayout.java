package dev.nnjit.runtime.wasm;

/** A constant [..., N, K] copied in as [..., K, N] (a transposed B the kernels read row-major). */
record TransposedLayout() implements ConstantLayout {
    static final TransposedLayout INSTANCE = new TransposedLayout();

    @Override public int[] shape(int[] s) {
        int[] t = s.clone();
        t[s.length - 2] = s[s.length - 1];
        t[s.length - 1] = s[s.length - 2];
        return t;
    }

    @Override public float[] lay(float[] in, int[] s) {
        int r = s[s.length - 2], c = s[s.length - 1], batch = in.length / Math.max(1, r * c);
        float[] out = new float[in.length];
        for (int z = 0; z < batch; z++) {
            int o = z * r * c;
            for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) out[o + j * r + i] = in[o + i * c + j];
        }
        return out;
    }

    @Override public String suffix() { return "^T"; }
}
