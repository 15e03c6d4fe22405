package dev.nnjit.runtime.webgpu;

/**
 * Where each tensor of a program lives on the GPU: inputs and intermediates share a pool of buffers ("slots")
 * reused by liveness; constants get one buffer each; views use their base's; empty tensors have none.
 *
 * @param slotOf per tensor id: its slot, or -1 (constant, view, empty)
 * @param slotBytes size of each slot's buffer
 * @param peakLiveBytes the largest total size of inputs and intermediates alive at one step: the least any plan
 *     could use
 * @param unpooledBytes the total size of all inputs and intermediates: what one buffer per tensor would use
 */
public record BufferPlan(int[] slotOf, long[] slotBytes, long peakLiveBytes, long unpooledBytes) {

    /** Bytes of all slot buffers. */
    public long pooledBytes() {
        long n = 0;
        for (long b : slotBytes) n += b;
        return n;
    }

    public int slots() { return slotBytes.length; }
}
