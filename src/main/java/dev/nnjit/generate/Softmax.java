package dev.nnjit.generate;

/** The softmax the sampler and top-p share: in double, max-subtracted, negative infinity gives probability 0. */
final class Softmax {
    private Softmax() {}

    static double[] probabilities(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : logits) if (v > max) max = v;
        if (max == Float.NEGATIVE_INFINITY || Float.isNaN(max)) {
            throw new GenerationException("every next-token score is -infinity or NaN: no token can be chosen");
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = logits[i] == Float.NEGATIVE_INFINITY ? 0 : Math.exp((double) logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) p[i] /= sum;
        return p;
    }
}
