package dev.nnjit.generate;

/** Divides every score by the temperature (Hugging Face's TemperatureLogitsWarper): below 1 sharpens, above 1 flattens. */
public record Temperature(float temperature) implements LogitsProcessor {
    public Temperature {
        if (!(temperature > 0) || Float.isInfinite(temperature)) {
            throw new GenerationException("temperature must be a positive number, got " + temperature);
        }
    }

    @Override public void process(long[] sequence, float[] logits) {
        for (int i = 0; i < logits.length; i++) logits[i] = logits[i] / temperature;
    }
}
