// log_softmax: x rows (3,7) strides (35,1), cols (5) strides (7) -> y, per row of 5
// schedule w4_r4: 1 invocations per row, 4 row(s) per workgroup
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
var<private> nn_special: vec3<u32> = vec3<u32>(0x7f800000u, 0xff800000u, 0x7fc00000u);

@compute @workgroup_size(4)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let r = lid;
  let rowIdx = wid.x * 4u + r;
  let row = min(rowIdx, 20u);
  let rc1 = row % 7u;
  let rcq1 = row / 7u;
  let rc0 = rcq1;
  let base = rc0 * 35u + rc1;
  var mx = bitcast<f32>(nn_special.y);
  for (var j = 0u; j < 5u; j = j + 1u) {
    let cc0 = j;
    let co = cc0 * 7u;
    mx = max(mx, x[base + co]);
  }
  let rowMax = mx;
  var sum = 0.0;
  for (var j = 0u; j < 5u; j = j + 1u) {
    let cc0 = j;
    let co = cc0 * 7u;
    sum = sum + exp(x[base + co] - rowMax);
  }
  let rowSum = sum;
  if (rowIdx < 21u) {
    let shift = rowMax + log(rowSum);
    for (var j = 0u; j < 5u; j = j + 1u) {
      let cc0 = j;
      let co = cc0 * 7u;
      y[base + co] = x[base + co] - shift;
    }
  }
}
