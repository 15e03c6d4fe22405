// softmax: x (1536,128) -> y, per row of 128
// schedule w64_r4_sg: one subgroup per row, 4 row(s) per workgroup
enable subgroups;
requires subgroup_id;
diagnostic(off, subgroup_uniformity);
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
var<private> nn_special: vec3<u32> = vec3<u32>(0x7f800000u, 0xff800000u, 0x7fc00000u);

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32, @builtin(subgroup_invocation_id) lane: u32, @builtin(subgroup_size) lanes: u32, @builtin(subgroup_id) sg: u32, @builtin(num_subgroups) nsg: u32) {
  for (var r = sg; r < 4u; r = r + nsg) {
    let rowIdx = wid.x * 4u + r;
    let row = rowIdx;
    let base = row * 128u;
    var mx = bitcast<f32>(nn_special.y);
    for (var j = lane; j < 128u; j = j + lanes) {
      mx = max(mx, x[base + j]);
    }
    let rowMax = subgroupMax(mx);
    var sum = 0.0;
    for (var j = lane; j < 128u; j = j + lanes) {
      sum = sum + exp(x[base + j] - rowMax);
    }
    let rowSum = subgroupAdd(sum);
    let inv = 1.0 / rowSum;
    for (var j = lane; j < 128u; j = j + lanes) {
      y[base + j] = exp(x[base + j] - rowMax) * inv;
    }
  }
}
