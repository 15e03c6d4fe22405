package dev.nnjit.gpu;

import dev.nnjit.codegen.Binding;
import dev.nnjit.codegen.KernelInstance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.webgpu.GPUBindGroup;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUDescriptor;
import org.teavm.jso.webgpu.GPUDevice;
import org.teavm.jso.webgpu.GPUPipeline;
import org.teavm.jso.webgpu.GPUShaderModule;

/**
 * Compute pipelines for generated kernels, cached by {@link KernelInstance#cacheKey()} for the device's lifetime:
 * kernels with equal keys have equal WGSL and bindings, so one pipeline and bind-group layout serve them all.
 *
 * <p>The bind-group layout is built from the kernel's binding list (never {@code layout: 'auto'}, which drops
 * bindings a shader does not use). Pipelines are created with {@code createComputePipelineAsync}; {@link #prepare}
 * starts every missing one before waiting for any, so the browser compiles them in parallel. A kernel that fails to
 * compile raises a {@link GpuException} with the shader compiler's messages and the kernel's key.
 */
public final class KernelPipelines {
    /** A ready pipeline and its group-0 layout. */
    public record Compiled(GPUPipeline.Compute pipeline, GPUBindGroup.Layout layout) {}

    private record Pending(KernelInstance kernel, GPUShaderModule module, GPUBindGroup.Layout layout,
                           JSPromise<Settled.Outcome> promise) {}

    private final GpuDevice gpu;
    private final Map<String, Compiled> cache = new HashMap<>();

    public KernelPipelines(GpuDevice gpu) { this.gpu = gpu; }

    /** Number of distinct pipelines created so far. */
    public int size() { return cache.size(); }

    /** Makes sure every kernel has a pipeline: starts all missing ones, then waits for each. */
    public void prepare(List<KernelInstance> kernels) {
        GPUDevice device = gpu.raw();
        List<Pending> pending = new ArrayList<>();
        Map<String, Boolean> started = new HashMap<>();
        for (KernelInstance k : kernels) {
            if (cache.containsKey(k.cacheKey()) || started.containsKey(k.cacheKey())) continue;
            started.put(k.cacheKey(), Boolean.TRUE);
            GPUDescriptor.ShaderModule sm = GPUDescriptor.create();
            sm.setCode(k.wgsl());
            sm.setLabel(k.family());
            GPUShaderModule module = device.createShaderModule(sm);
            GPUBindGroup.Layout layout = device.createBindGroupLayout(layoutDescriptor(k));
            GPUDescriptor.PipelineLayout pl = GPUDescriptor.create();
            pl.setBindGroupLayouts(new GPUBindGroup.Layout[] {layout});
            GPUDescriptor.ProgrammableStage stage = GPUDescriptor.create();
            stage.setModule(module);
            stage.setEntryPoint(k.entryPoint());
            GPUDescriptor.ComputePipeline cp = GPUDescriptor.create();
            cp.setLayout(device.createPipelineLayout(pl));
            cp.setCompute(stage);
            cp.setLabel(k.family());
            pending.add(new Pending(k, module, layout, Settled.settle(device.createComputePipelineAsync(cp))));
        }
        for (Pending p : pending) {
            GPUPipeline.Compute pipeline;
            try {
                pipeline = Settled.awaitSettled(p.promise, "creating the pipeline of " + describe(p.kernel));
            } catch (GpuException e) {
                throw new GpuException(e.getMessage() + compilerMessages(p.module, p.kernel.wgsl()));
            }
            cache.put(p.kernel.cacheKey(), new Compiled(pipeline, p.layout));
        }
    }

    /** The pipeline of a kernel passed to {@link #prepare} earlier. */
    public Compiled get(KernelInstance k) {
        Compiled c = cache.get(k.cacheKey());
        if (c == null) throw new IllegalStateException("no pipeline prepared for " + describe(k));
        return c;
    }

    /** A bind group binding {@code buffers[i]} (first {@code bindings[i].sizeBytes()} bytes) at binding i. */
    public GPUBindGroup bindGroup(KernelInstance k, GPUBuffer[] buffers, String label) {
        List<Binding> bindings = k.bindings();
        if (buffers.length != bindings.size()) {
            throw new IllegalArgumentException(describe(k) + " has " + bindings.size() + " bindings, got "
                    + buffers.length + " buffers");
        }
        GPUDescriptor.BindGroupEntry[] entries = new GPUDescriptor.BindGroupEntry[buffers.length];
        for (int i = 0; i < buffers.length; i++) {
            GPUDescriptor.BufferBinding res = GPUDescriptor.create();
            res.setBuffer(buffers[i]);
            res.setOffset(0);
            res.setSize(GpuDevice.roundUp4(bindings.get(i).sizeBytes()));
            GPUDescriptor.BindGroupEntry e = GPUDescriptor.create();
            e.setBinding(bindings.get(i).index());
            e.setResource(res);
            entries[i] = e;
        }
        GPUDescriptor.BindGroup desc = GPUDescriptor.create();
        desc.setLayout(get(k).layout());
        desc.setEntries(entries);
        desc.setLabel(label);
        return gpu.raw().createBindGroup(desc);
    }

    private static GPUDescriptor.BindGroupLayout layoutDescriptor(KernelInstance k) {
        List<Binding> bindings = k.bindings();
        GPUDescriptor.BindGroupLayoutEntry[] entries = new GPUDescriptor.BindGroupLayoutEntry[bindings.size()];
        for (int i = 0; i < entries.length; i++) {
            Binding b = bindings.get(i);
            GPUDescriptor.BufferBindingLayout bl = GPUDescriptor.create();
            bl.setType(b.access().layoutType);
            GPUDescriptor.BindGroupLayoutEntry e = GPUDescriptor.create();
            e.setBinding(b.index());
            e.setVisibility(GPUPipeline.ShaderStage.COMPUTE);
            e.setBuffer(bl);
            entries[i] = e;
        }
        GPUDescriptor.BindGroupLayout desc = GPUDescriptor.create();
        desc.setEntries(entries);
        desc.setLabel(k.family());
        return desc;
    }

    static String describe(KernelInstance k) {
        return "kernel " + k.family() + " [" + k.cacheKey() + "]";
    }

    /** The shader compiler's error messages for a module, as " (WGSL line:col: message; ...)", or "". */
    private static String compilerMessages(GPUShaderModule module, String wgsl) {
        JSObject info = Settled.await(module.getCompilationInfo(), "reading shader compilation messages");
        String m = formatMessages(info, wgsl);
        return m.isEmpty() ? "" : " (WGSL " + m + ")";
    }

    /** Up to 5 error messages as "line:col: message [source line]". */
    @JSBody(params = {"info", "wgsl"}, script = "if (!info) return ''; var lines = wgsl.split('\\n'); var out = [];"
            + " for (var i = 0; i < info.messages.length && out.length < 5; i++) { var m = info.messages[i];"
            + "   if (m.type !== 'error') continue;"
            + "   var src = m.lineNum > 0 && m.lineNum <= lines.length ? ' [' + lines[m.lineNum - 1].trim() + ']' : '';"
            + "   out.push(m.lineNum + ':' + m.linePos + ': ' + m.message + src); }"
            + " return out.join('; ');")
    private static native String formatMessages(JSObject info, String wgsl);
}
