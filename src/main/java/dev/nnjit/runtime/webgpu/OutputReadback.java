package dev.nnjit.runtime.webgpu;

import dev.nnjit.gpu.GpuDevice;
import dev.nnjit.gpu.GpuTransfer;
import dev.nnjit.gpu.Settled;
import dev.nnjit.runtime.RunOptions;
import dev.nnjit.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUCommandEncoder;

/**
 * How a program's graph outputs reach Java: those computed on the GPU are copied, at the end of a run's command
 * buffer, into one mappable buffer (each at its own offset) and read from there; the others (feeds, constants, empty
 * tensors) are answered on the CPU without a GPU round trip. Only the outputs a run asks for are copied and read.
 */
final class OutputReadback {
    private final GpuDevice gpu;
    private final GpuProgram program;
    private final GpuTransfer transfer;
    /** Per output: byte offset in {@link #readback}, or -1 when it is not read from the GPU. */
    private final int[] offset;
    /** Null when no output is computed on the GPU. */
    private final GPUBuffer readback;

    OutputReadback(GpuDevice gpu, GpuProgram program, GpuTransfer transfer, BackendBuffers buffers) {
        this.gpu = gpu;
        this.program = program;
        this.transfer = transfer;
        offset = new int[program.outputs().size()];
        int bytes = 0;
        for (int i = 0; i < offset.length; i++) {
            GpuTensor t = program.outputs().get(i).tensor();
            offset[i] = -1;
            if (t.isEmpty() || t.storage().kind() != GpuTensor.Kind.INTERMEDIATE) continue;
            offset[i] = bytes;
            bytes += (int) t.bytes();
        }
        readback = bytes == 0 ? null
                : buffers.create(bytes, GPUBuffer.Usage.MAP_READ | GPUBuffer.Usage.COPY_DST, "outputs");
    }

    /** The readback buffer, or null when no output is computed on the GPU (for releasing it). */
    GPUBuffer buffer() { return readback; }

    private boolean copied(int output, RunOptions options) {
        return offset[output] >= 0 && options.wants(program.outputs().get(output).name());
    }

    /** Encodes copies of the requested GPU outputs into the readback buffer; {@code bufferOf} gives a tensor's. */
    void encodeCopies(GPUCommandEncoder enc, Function<GpuTensor, GPUBuffer> bufferOf, RunOptions options) {
        for (int i = 0; i < offset.length; i++) {
            if (!copied(i, options)) continue;
            GpuTensor t = program.outputs().get(i).tensor();
            enc.copyBufferToBuffer(bufferOf.apply(t), 0, readback, offset[i], t.bytes());
        }
    }

    /** After submit: waits until the copies can be read (the readback buffer mapped), or the GPU is idle if none. */
    void awaitResults(RunOptions options) {
        for (int i = 0; i < offset.length; i++) {
            if (!copied(i, options)) continue;
            Settled.await(readback.mapAsync(GPUBuffer.MapMode.READ), "reading the outputs back");
            return;
        }
        gpu.awaitIdle("running the program");
    }

    /** After {@link #awaitResults}: the requested outputs in graph order; unmaps the readback buffer. */
    Map<String, Tensor> collect(Map<String, Tensor> feeds, RunOptions options) {
        boolean mapped = false;
        for (int i = 0; i < offset.length; i++) mapped |= copied(i, options);
        ArrayBuffer range = mapped ? readback.getMappedRange() : null;
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        for (int i = 0; i < offset.length; i++) {
            GpuProgram.Output o = program.outputs().get(i);
            if (!options.wants(o.name())) continue;
            GpuTensor t = o.tensor();
            int[] shape = t.shape();
            Tensor value;
            if (offset[i] >= 0) {
                value = transfer.download(range, offset[i], t.dtype(), shape);
            } else if (t.isEmpty()) {
                value = Tensor.zeros(t.dtype(), shape);
            } else if (t.storage().kind() == GpuTensor.Kind.CONSTANT) {
                value = t.storage().constant().reshape(shape);
            } else {
                value = feeds.get(t.storage().name()).reshape(shape);
            }
            outputs.put(o.name(), value);
        }
        if (mapped) readback.unmap();
        return outputs;
    }
}
