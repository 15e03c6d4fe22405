// gemv: A (1,384) @ B^T (30522,384) -> C (1,30522)
// schedule x64_k4_v1: 64 columns per workgroup, K split 4 ways
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> c: array<f32>;
const N: u32 = 30522u;
const K: u32 = 384u;
const M: u32 = 1u;

var<workgroup> part: array<f32, 256>;

@compute @workgroup_size(64, 4, 1)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let aBase = 0u;
  let bBase = 0u;
  let cBase = 0u;
  let g = wid.x * 64u + lid.x;
  let gc = min(g, 30521u);
  var s = f32(0.0);
  for (var k = lid.y; k < K; k = k + 4u) {
    s = fma(a[aBase + k], b[bBase + gc * K + k], s);
  }
  let slot = lid.y * 64u + lid.x;
  part[slot] = s;
  workgroupBarrier();
  if (lid.y < 2u) {
    part[slot] = part[slot] + part[slot + 128u];
  }
  workgroupBarrier();
  if (lid.y < 1u) {
    part[slot] = part[slot] + part[slot + 64u];
  }
  workgroupBarrier();
  if (lid.y == 0u && g < 30522u) {
    let cc = g;
    c[cBase + g] = part[lid.x];
  }
}
