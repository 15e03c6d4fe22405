// softmax: x (1536,128) -> y, per row of 128
// schedule w64_r64: 1 invocations per row, 64 row(s) per workgroup
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
var<private> nn_special: vec3<u32> = vec3<u32>(0x7f800000u, 0xff800000u, 0x7fc00000u);

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let r = lid;
  let rowIdx = wid.x * 64u + r;
  let row = rowIdx;
  let base = row * 128u;
  var mx = bitcast<f32>(nn_special.y);
  for (var j = 0u; j < 128u; j = j + 1u) {
    mx = max(mx, x[base + j]);
  }
  let rowMax = mx;
  var sum = 0.0;
  for (var j = 0u; j < 128u; j = j + 1u) {
    sum = sum + exp(x[base + j] - rowMax);
  }
  let rowSum = sum;
  let inv = 1.0 / rowSum;
  for (var j = 0u; j < 128u; j = j + 1u) {
    y[base + j] = exp(x[base + j] - rowMax) * inv;
  }
}
