// layer_norm: x (256,384), scale (384), bias (384) -> y (256,384), eps 1.0E-12
// schedule w128_r1: 128 invocations per row, 1 row(s) per workgroup
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> scale: array<f32>;
@group(0) @binding(2) var<storage, read> bias: array<f32>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;

var<workgroup> red: array<f32, 128>;

@compute @workgroup_size(128)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let t = lid % 128u;
  let r = lid / 128u;
  let rowIdx = wid.x * 1u + r;
  let row = rowIdx;
  let base = row * 384u;
  var s = 0.0;
  for (var j = t; j < 384u; j = j + 128u) {
    s = s + x[base + j];
  }
  red[lid] = s;
  workgroupBarrier();
  if (t < 64u) {
    red[lid] = red[lid] + red[lid + 64u];
  }
  workgroupBarrier();
  if (t < 32u) {
    red[lid] = red[lid] + red[lid + 32u];
  }
  workgroupBarrier();
  if (t < 16u) {
    red[lid] = red[lid] + red[lid + 16u];
  }
  workgroupBarrier();
  if (t < 8u) {
    red[lid] = red[lid] + red[lid + 8u];
  }
  workgroupBarrier();
  if (t < 4u) {
    red[lid] = red[lid] + red[lid + 4u];
  }
  workgroupBarrier();
  if (t < 2u) {
    red[lid] = red[lid] + red[lid + 2u];
  }
  workgroupBarrier();
  if (t < 1u) {
    red[lid] = red[lid] + red[lid + 1u];
  }
  workgroupBarrier();
  let total = red[r * 128u];
  workgroupBarrier();
  let mean = total / 384.0f;
  var q = 0.0;
  for (var j = t; j < 384u; j = j + 128u) {
    let d = x[base + j] - mean;
    q = fma(d, d, q);
  }
  red[lid] = q;
  workgroupBarrier();
  if (t < 64u) {
    red[lid] = red[lid] + red[lid + 64u];
  }
  workgroupBarrier();
  if (t < 32u) {
    red[lid] = red[lid] + red[lid + 32u];
  }
  workgroupBarrier();
  if (t < 16u) {
    red[lid] = red[lid] + red[lid + 16u];
  }
  workgroupBarrier();
  if (t < 8u) {
    red[lid] = red[lid] + red[lid + 8u];
  }
  workgroupBarrier();
  if (t < 4u) {
    red[lid] = red[lid] + red[lid + 4u];
  }
  workgroupBarrier();
  if (t < 2u) {
    red[lid] = red[lid] + red[lid + 2u];
  }
  workgroupBarrier();
  if (t < 1u) {
    red[lid] = red[lid] + red[lid + 1u];
  }
  workgroupBarrier();
  let sq = red[r * 128u];
  workgroupBarrier();
  let inv = inverseSqrt(sq / 384.0f + 1.0e-12f);
  for (var j = t; j < 384u; j = j + 128u) {
    y[base + j] = (x[base + j] - mean) * inv * scale[j] + bias[j];
  }
}
