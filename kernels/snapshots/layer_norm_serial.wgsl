// layer_norm: x (125,384), scale (384), bias (384) -> y (125,384), eps 1.0E-12
// schedule w16_r16: 1 invocations per row, 16 row(s) per workgroup
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> scale: array<f32>;
@group(0) @binding(2) var<storage, read> bias: array<f32>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let r = lid;
  let rowIdx = wid.x * 16u + r;
  let row = min(rowIdx, 124u);
  let base = row * 384u;
  var s = 0.0;
  for (var j = 0u; j < 384u; j = j + 1u) {
    s = s + x[base + j];
  }
  let total = s;
  let mean = total / 384.0f;
  var q = 0.0;
  for (var j = 0u; j < 384u; j = j + 1u) {
    let d = x[base + j] - mean;
    q = fma(d, d, q);
  }
  let sq = q;
  let inv = inverseSqrt(sq / 384.0f + 1.0e-12f);
  if (rowIdx < 125u) {
    for (var j = 0u; j < 384u; j = j + 1u) {
      y[base + j] = (x[base + j] - mean) * inv * scale[j] + bias[j];
    }
  }
}
