// log_softmax: x rows (3,7) strides (35,1), cols (5) strides (7) -> y, per row of 5
// schedule w64_r4: 16 invocations per row, 4 row(s) per workgroup
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
var<private> nn_special: vec3<u32> = vec3<u32>(0x7f800000u, 0xff800000u, 0x7fc00000u);

var<workgroup> red: array<f32, 64>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let t = lid % 16u;
  let r = lid / 16u;
  let rowIdx = wid.x * 4u + r;
  let row = min(rowIdx, 20u);
  let rc1 = row % 7u;
  let rcq1 = row / 7u;
  let rc0 = rcq1;
  let base = rc0 * 35u + rc1;
  var mx = bitcast<f32>(nn_special.y);
  for (var j = t; j < 5u; j = j + 16u) {
    let cc0 = j;
    let co = cc0 * 7u;
    mx = max(mx, x[base + co]);
  }
  red[lid] = mx;
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
  let rowMax = red[r * 16u];
  workgroupBarrier();
  var sum = 0.0;
  for (var j = t; j < 5u; j = j + 16u) {
    let cc0 = j;
    let co = cc0 * 7u;
    sum = sum + exp(x[base + co] - rowMax);
  }
  red[lid] = sum;
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
  let rowSum = red[r * 16u];
  workgroupBarrier();
  if (rowIdx < 21u) {
    let shift = rowMax + log(rowSum);
    for (var j = t; j < 5u; j = j + 16u) {
      let cc0 = j;
      let co = cc0 * 7u;
      y[base + co] = x[base + co] - shift;
    }
  }
}
