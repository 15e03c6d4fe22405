// WebGPU for Node: Dawn (the WebGPU implementation inside Chrome) from npm `webgpu`, installed as a page would see
// it (navigator.gpu and the GPU* globals), for running the engine and ONNX Runtime Web on machines without a browser
// (a GPU server). Vulkan driver: whatever the loader finds (VK_ICD_FILENAMES / VK_DRIVER_FILES pick one).
import os from 'node:os';
import {create, globals} from 'webgpu';

/**
 * Installs navigator.gpu, navigator.hardwareConcurrency/userAgent and Dawn's GPU* classes on globalThis; returns
 * navigator.gpu. `dawnFlags` go to Dawn's create() (e.g. 'backend=vulkan').
 *
 * Dawn refuses views of a SharedArrayBuffer in GPUQueue.writeBuffer and in setBindGroup's dynamic offsets, and ONNX
 * Runtime Web's wasm heap is one: those two calls are wrapped to pass a copy when (and only when) given such a view.
 */
export function installWebGpu(dawnFlags = []) {
  Object.assign(globalThis, globals);
  const gpu = create(dawnFlags);
  Object.defineProperty(globalThis, 'navigator', {
    value: {gpu, hardwareConcurrency: os.availableParallelism(), userAgent: `Node.js ${process.version} (Dawn, npm webgpu)`},
    configurable: true, writable: true,
  });
  const shared = (v) => typeof SharedArrayBuffer !== 'undefined' && ArrayBuffer.isView(v)
      && v.buffer instanceof SharedArrayBuffer;
  const copy = (v) => new v.constructor(v);  // same element type and length, in an ordinary ArrayBuffer
  const writeBuffer = globals.GPUQueue.prototype.writeBuffer;
  globals.GPUQueue.prototype.writeBuffer = function (buffer, offset, data, ...rest) {
    return writeBuffer.call(this, buffer, offset, shared(data) ? copy(data) : data, ...rest);
  };
  for (const encoder of [globals.GPUComputePassEncoder, globals.GPURenderPassEncoder, globals.GPURenderBundleEncoder]) {
    if (!encoder) continue;
    const setBindGroup = encoder.prototype.setBindGroup;
    encoder.prototype.setBindGroup = function (index, group, offsets, ...rest) {
      return setBindGroup.call(this, index, group, shared(offsets) ? copy(offsets) : offsets, ...rest);
    };
  }
  return gpu;
}
