// softmax: x (3072,128) -> y, per row of 128
// schedule w64_r1: 64 invocations per row, 1 row(s) per workgroup
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
var<private> nn_special: vec3<u32> = vec3<u32>(0x7f800000u, 0xff800000u, 0x7fc00000u);

var<workgroup> red: array<f32, 64>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let t = lid % 64u;
  let r = lid / 64u;
  let rowIdx = wid.x * 1u + r;
  let row = rowIdx;
  let base = row * 128u;
  var mx = bitcast<f32>(nn_special.y);
  for (var j = t; j < 128u; j = j + 64u) {
    mx = max(mx, x[base + j]);
  }
  red[lid] = mx;
  workgroupBarrier();
  if (t < 32u) {
    red[lid] = max(red[lid], red[lid + 32u]);
  }
  workgroupBarrier();
  if (t < 16u) {
    red[lid] = max(red[lid], red[lid + 16u]);
  }
  workgroupBarrier();
  if (t < 8u) {
    red[lid] = max(red[lid], red[lid + 8u]);
  }
  workgroupBarrier();
  if (t < 4u) {
    red[lid] = max(red[lid], red[lid + 4u]);
  }
  workgroupBarrier();
  if (t < 2u) {
    red[lid] = max(red[lid], red[lid + 2u]);
  }
  workgroupBarrier();
  if (t < 1u) {
    red[lid] = max(red[lid], red[lid + 1u]);
  }
  workgroupBarrier();
  let rowMax = red[r * 64u];
  workgroupBarrier();
  var sum = 0.0;
  for (var j = t; j < 128u; j = j + 64u) {
    sum = sum + exp(x[base + j] - rowMax);
  }
  red[lid] = sum;
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
  let rowSum = red[r * 64u];
  workgroupBarrier();
  let inv = 1.0 / rowSum;
  for (var j = t; j < 128u; j = j + 64u) {
    y[base + j] = exp(x[base + j] - rowMax) * inv;
  }
}
