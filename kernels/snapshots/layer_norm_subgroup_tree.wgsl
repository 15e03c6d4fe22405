// layer_norm: x (125,384), scale (384), bias (384) -> y (125,384), eps 1.0E-12
// schedule w128_r1_sg: 128 invocations per row, 1 row(s) per workgroup, subgroup tree
enable subgroups;
requires subgroup_id;
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> scale: array<f32>;
@group(0) @binding(2) var<storage, read> bias: array<f32>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;

var<workgroup> red: array<f32, 128>;

@compute @workgroup_size(128)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32, @builtin(subgroup_invocation_id) lane: u32, @builtin(subgroup_size) lanes: u32, @builtin(subgroup_id) sg: u32, @builtin(num_subgroups) nsg: u32) {
  let t = lid % 128u;
  let r = lid / 128u;
  let rowIdx = wid.x * 1u + r;
  let row = rowIdx;
  let base = row * 384u;
  var s = 0.0;
  for (var j = t; j < 384u; j = j + 128u) {
    s = s + x[base + j];
  }
  let totalSg = subgroupAdd(s);
  if (subgroupElect()) {
    red[sg] = totalSg;
  }
  workgroupBarrier();
  var totalAcc = red[0];
  for (var si = 1u; si < nsg; si = si + 1u) {
    totalAcc = totalAcc + red[si];
  }
  let total = totalAcc;
  workgroupBarrier();
  let mean = total / 384.0f;
  var q = 0.0;
  for (var j = t; j < 384u; j = j + 128u) {
    let d = x[base + j] - mean;
    q = fma(d, d, q);
  }
  let sqSg = subgroupAdd(q);
  if (subgroupElect()) {
    red[sg] = sqSg;
  }
  workgroupBarrier();
  var sqAcc = red[0];
  for (var si = 1u; si < nsg; si = si + 1u) {
    sqAcc = sqAcc + red[si];
  }
  let sq = sqAcc;
  workgroupBarrier();
  let inv = inverseSqrt(sq / 384.0f + 1.0e-12f);
  for (var j = t; j < 384u; j = j + 128u) {
    y[base + j] = (x[base + j] - mean) * inv * scale[j] + bias[j];
  }
}
