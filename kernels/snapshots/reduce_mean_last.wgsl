// reduce_mean: x (2,128,384) over axes (-1) -> y (256), 384 values each; (256,384)
// schedule w64_r1: 64 invocations per output, 1 output(s) per workgroup
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;

var<workgroup> red: array<f32, 64>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let t = lid % 64u;
  let r = lid / 64u;
  let rowIdx = wid.x * 1u + r;
  let row = rowIdx;
  let base = row * 384u;
  var acc = 0.0;
  for (var j = t; j < 384u; j = j + 64u) {
    let v = x[base + j];
    acc = acc + v;
  }
  red[lid] = acc;
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
  let total = red[r * 64u];
  workgroupBarrier();
  y[rowIdx] = total / 384.0f;
}
