// Compiles and optionally runs nnjit-generated WGSL kernels with Dawn (npm `webgpu`), for JVM tests.
//
// Usage: node run.mjs JOB_DIR
// JOB_DIR/jobs.json: [{ name, wgsl, entryPoint, dispatch: [x,y,z], run: bool, compileOnly: bool,
//                       bindings: [{ binding, access: "read"|"read_write", sizeBytes, input?: "file.bin" }] }]
// compileOnly jobs stop after Tint's full WGSL validation (createShaderModule): milliseconds, where building
// the pipeline makes SwiftShader compile to machine code (0.1-5 s per matmul kernel).
// For run jobs, every binding with `input` is filled from that file (little-endian 4-byte elements); read_write
// bindings without input start as 0xFFFFFFFF (NaN for f32, so unwritten outputs show). After the dispatch each
// read_write binding is written to JOB_DIR/<name>.out<binding>.bin.
// Writes JOB_DIR/results.json: [{ name, ok, error?, warnings? }] and JOB_DIR/adapter.json: { features,
// wgslLanguageFeatures, subgroupMinSize, subgroupMaxSize } (sizes 0 when the adapter reports none), so tests can
// build nnjit's AdapterFeatures. Exit code 0 when the tool itself worked.
import fs from 'node:fs';
import path from 'node:path';
import {create, globals} from 'webgpu';

Object.assign(globalThis, globals);
const dir = process.argv[2];
const jobs = JSON.parse(fs.readFileSync(path.join(dir, 'jobs.json'), 'utf8'));
const gpu = create([]);
const adapter = await gpu.requestAdapter();
if (!adapter) { console.error('no WebGPU adapter'); process.exit(2); }
// No requiredLimits: the device gets the spec defaults, the limits kernels are checked against. The one optional
// feature nnjit's kernels use, subgroups, is requested when the adapter has it (subgroup kernels need it enabled).
const requiredFeatures = ['subgroups'].filter(f => adapter.features.has(f));
const device = await adapter.requestDevice({requiredFeatures});
fs.writeFileSync(path.join(dir, 'adapter.json'), JSON.stringify({
  features: [...device.features].sort(),
  wgslLanguageFeatures: [...(gpu.wgslLanguageFeatures || [])].sort(),
  subgroupMinSize: adapter.info.subgroupMinSize || 0,
  subgroupMaxSize: adapter.info.subgroupMaxSize || 0}));
let uncaptured = [];
device.onuncapturederror = (e) => uncaptured.push(e.error.message);

const results = [];
for (const job of jobs) {
  const r = {name: job.name, ok: true};
  const t0 = performance.now();
  try {
    device.pushErrorScope('validation');
    const module = device.createShaderModule({code: job.wgsl});
    const info = await module.getCompilationInfo();
    const errs = info.messages.filter(m => m.type === 'error');
    const warns = info.messages.filter(m => m.type === 'warning');
    if (warns.length) r.warnings = warns.map(m => `${m.lineNum}:${m.linePos} ${m.message}`);
    if (errs.length) throw new Error(errs.map(m => `${m.lineNum}:${m.linePos} ${m.message}`).join('\n'));
    if (job.compileOnly) {
      const err = await device.popErrorScope();
      if (err) throw new Error(err.message);
      results.push(Object.assign(r, {ms: Math.round(performance.now() - t0)}));
      continue;
    }
    const layout = device.createBindGroupLayout({entries: job.bindings.map(b => ({
      binding: b.binding, visibility: GPUShaderStage.COMPUTE,
      buffer: {type: b.access === 'read' ? 'read-only-storage' : 'storage'}}))});
    const pipeline = await device.createComputePipelineAsync({
      layout: device.createPipelineLayout({bindGroupLayouts: [layout]}),
      compute: {module, entryPoint: job.entryPoint}});
    if (job.run) {
      const buffers = job.bindings.map(b => {
        const size = Math.max(4, Math.ceil(b.sizeBytes / 4) * 4);
        const buf = device.createBuffer({size, mappedAtCreation: true,
          usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST});
        const view = new Uint8Array(buf.getMappedRange());
        if (b.input) view.set(new Uint8Array(fs.readFileSync(path.join(dir, b.input))).subarray(0, size));
        else view.fill(0xff);
        buf.unmap();
        return buf;
      });
      const bindGroup = device.createBindGroup({layout, entries: job.bindings.map((b, i) => ({
        binding: b.binding, resource: {buffer: buffers[i]}}))});
      const enc = device.createCommandEncoder();
      const pass = enc.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup);
      pass.dispatchWorkgroups(job.dispatch[0], job.dispatch[1], job.dispatch[2]);
      pass.end();
      const reads = [];
      job.bindings.forEach((b, i) => {
        if (b.access !== 'read_write') return;
        const rb = device.createBuffer({size: buffers[i].size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST});
        enc.copyBufferToBuffer(buffers[i], 0, rb, 0, buffers[i].size);
        reads.push([b, rb]);
      });
      device.queue.submit([enc.finish()]);
      for (const [b, rb] of reads) {
        await rb.mapAsync(GPUMapMode.READ);
        fs.writeFileSync(path.join(dir, `${job.name}.out${b.binding}.bin`), new Uint8Array(rb.getMappedRange().slice(0)));
        rb.unmap();
        rb.destroy();
      }
      buffers.forEach(b => b.destroy());
    }
    const err = await device.popErrorScope();
    if (err) throw new Error(err.message);
    if (uncaptured.length) throw new Error(uncaptured.join('\n'));
  } catch (e) {
    r.ok = false;
    r.error = String(e && e.message || e);
    uncaptured = [];
  }
  r.ms = Math.round(performance.now() - t0);
  if (process.env.NNJIT_WGSL_CHECK_LOG) console.error(`${r.ms} ms ${r.name} ${r.ok ? 'ok' : 'FAILED'}`);
  results.push(r);
}
fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify(results, null, 1));
console.log(`${results.filter(r => r.ok).length} passed, ${results.filter(r => !r.ok).length} failed`);
process.exit(0);
