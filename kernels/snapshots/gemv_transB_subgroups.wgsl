// gemv: A (1,384) @ B^T (30522,384) -> C (1,30522)
// schedule x2_k128_v1_sg: 2 columns per workgroup, K split 128 ways across the workgroup, added by subgroupAdd and one slot per subgroup
enable subgroups;
requires subgroup_id;
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> c: array<f32>;
const N: u32 = 30522u;
const K: u32 = 384u;
const M: u32 = 1u;

var<workgroup> part: array<f32, 256>;

@compute @workgroup_size(128, 1, 1)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32, @builtin(subgroup_id) sg: u32, @builtin(num_subgroups) nsg: u32) {
  let aBase = 0u;
  let bBase = 0u;
  let cBase = 0u;
  let gc0 = wid.x * 2u + 0u;
  var s0 = f32(0.0);
  let gc1 = wid.x * 2u + 1u;
  var s1 = f32(0.0);
  for (var k = lid; k < K; k = k + 128u) {
    let av = a[aBase + k];
    s0 = fma(av, b[bBase + gc0 * K + k], s0);
    s1 = fma(av, b[bBase + gc1 * K + k], s1);
  }
  let t0 = subgroupAdd(s0);
  let t1 = subgroupAdd(s1);
  if (subgroupElect()) {
    part[sg * 2u + 0u] = t0;
    part[sg * 2u + 1u] = t1;
  }
  workgroupBarrier();
  let g = wid.x * 2u + lid;
  if (lid < 2u) {
    var total = part[lid];
    for (var si = 1u; si < nsg; si = si + 1u) {
      total = total + part[si * 2u + lid];
    }
    let cc = g;
    c[cBase + g] = total;
  }
}
