package dev.nnjit.runtime;

/**
 * Elements copied, on the device, from a {@link DeviceValue} of an earlier run into an input of this run, before its
 * first kernel: {@code blocks} runs of {@code blockElements} elements, block b read from {@code srcOffset + b *
 * srcStride} and written to {@code dstOffset + b * dstStride} (all in elements). A KV cache uses it to move the keys and
 * values a step produced into the next step's past, head by head, without reading them back. A copy whose source is
 * the destination itself, at the same places, is a no-op and skipped (a plan whose past already holds the prefix).
 *
 * @param input the graph input written, which must be in {@link RunOptions#resident()}
 */
public record DeviceCopy(DeviceValue source, String input, int blocks, long blockElements, long srcOffset,
                         long srcStride, long dstOffset, long dstStride) {
    public DeviceCopy {
        if (blocks < 0 || blockElements < 0 || srcOffset < 0 || dstOffset < 0 || srcStride < 0 || dstStride < 0) {
            throw new IllegalArgumentException("a device copy's counts, offsets and strides must be >= 0");
        }
    }
}
