package dev.nnjit.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which ONNX files of a model folder generation runs, in the layouts Hugging Face repositories and Optimum use: the
 * folder itself or its {@code onnx/} subfolder holds either one graph ({@code model.onnx}, with or without a KV
 * cache; else {@code decoder_model_merged.onnx} or {@code decoder_model.onnx} of a decoder-only export) or an
 * encoder-decoder split: {@code encoder_model.onnx} with {@code decoder_model_merged.onnx}, or with
 * {@code decoder_model.onnx} and {@code decoder_with_past_model.onnx}. A path to an .onnx file is that one graph.
 *
 * @param folder where config.json, generation_config.json and tokenizer.json are looked for
 * @param model the one graph; null for a split encoder-decoder
 * @param encoder the split's encoder, else null
 * @param decoder the split's merged decoder or first-step decoder, else null
 * @param decoderWithPast the split's with-past decoder; null with a merged decoder
 */
record GenerationFiles(Path folder, Path model, Path encoder, Path decoder, Path decoderWithPast) {
    static GenerationFiles of(Path path) {
        if (!Files.isDirectory(path)) return new GenerationFiles(path.toAbsolutePath().getParent(), path, null, null, null);
        Path folder = path.toAbsolutePath();
        for (Path dir : new Path[] {folder, folder.resolve("onnx")}) {
            Path encoder = dir.resolve("encoder_model.onnx");
            Path merged = dir.resolve("decoder_model_merged.onnx");
            Path first = dir.resolve("decoder_model.onnx");
            Path withPast = dir.resolve("decoder_with_past_model.onnx");
            if (Files.isRegularFile(encoder)) {
                if (Files.isRegularFile(merged)) return new GenerationFiles(folder, null, encoder, merged, null);
                if (Files.isRegularFile(first) && Files.isRegularFile(withPast)) {
                    return new GenerationFiles(folder, null, encoder, first, withPast);
                }
            }
            for (Path single : new Path[] {dir.resolve("model.onnx"), merged, first}) {
                if (Files.isRegularFile(single)) return new GenerationFiles(folder, single, null, null, null);
            }
        }
        throw new IllegalArgumentException(path + " holds no model.onnx, decoder_model_merged.onnx, decoder_model.onnx"
                + " or encoder_model.onnx with its decoders (looked in the folder and in its onnx/ subfolder)");
    }

    boolean split() { return model == null; }
}
