// gemv: A (1,4096) @ B (4096,4096) -> C (1,4096), silu
// schedule x32_k8_v4: 128 columns per workgroup, K split 8 ways
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> c: array<vec4<f32>>;
const N: u32 = 4096u;
const K: u32 = 4096u;
const M: u32 = 1u;

fn nn_sigmoid4(x: vec4<f32>) -> vec4<f32> {
  let e = exp(-abs(x));
  return select(e / (1.0 + e), 1.0 / (1.0 + e), x >= vec4<f32>(0.0));
}
fn nn_silu4(x: vec4<f32>) -> vec4<f32> {
  return x * nn_sigmoid4(x);
}

var<workgroup> part: array<vec4<f32>, 256>;

@compute @workgroup_size(32, 8, 1)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let aBase = 0u;
  let bBase = 0u;
  let cBase = 0u;
  let g = wid.x * 32u + lid.x;
  let gc = g;
  var s = vec4<f32>(0.0);
  for (var k = lid.y; k < K; k = k + 8u) {
    s = fma(vec4<f32>(a[aBase + k]), b[bBase / 4u + k * 1024u + gc], s);
  }
  let slot = lid.y * 32u + lid.x;
  part[slot] = s;
  workgroupBarrier();
  if (lid.y < 4u) {
    part[slot] = part[slot] + part[slot + 128u];
  }
  workgroupBarrier();
  if (lid.y < 2u) {
    part[slot] = part[slot] + part[slot + 64u];
  }
  workgroupBarrier();
  if (lid.y < 1u) {
    part[slot] = part[slot] + part[slot + 32u];
  }
  workgroupBarrier();
  if (lid.y == 0u) {
    let cc = g * 4u;
    c[cBase / 4u + g] = nn_silu4(part[lid.x]);
  }
}
