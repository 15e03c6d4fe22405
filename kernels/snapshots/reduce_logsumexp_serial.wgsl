// reduce_log_sum_exp: x (3,50,7) over axes (1) -> y (21), 50 values each; rows (3,7) strides (350,1), cols (50) strides (7)
// schedule w8_r8: 1 invocations per output, 8 output(s) per workgroup
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
var<private> nn_special: vec3<u32> = vec3<u32>(0x7f800000u, 0xff800000u, 0x7fc00000u);

@compute @workgroup_size(8)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let r = lid;
  let rowIdx = wid.x * 8u + r;
  let row = min(rowIdx, 20u);
  let rc1 = row % 7u;
  let rcq1 = row / 7u;
  let rc0 = rcq1;
  let base = rc0 * 350u + rc1;
  var mx = bitcast<f32>(nn_special.y);
  for (var j = 0u; j < 50u; j = j + 1u) {
    let cc0 = j;
    let co = cc0 * 7u;
    mx = max(mx, x[base + co]);
  }
  let rowMax = mx;
  var acc = 0.0;
  for (var j = 0u; j < 50u; j = j + 1u) {
    let cc0 = j;
    let co = cc0 * 7u;
    let v = x[base + co];
    acc = acc + exp(v - rowMax);
  }
  let total = acc;
  if (rowIdx < 21u) {
    y[rowIdx] = rowMax + log(total);
  }
}
