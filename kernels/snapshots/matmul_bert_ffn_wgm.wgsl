// matmul: A (128,384) @ B (384,1536) + bias (1536) -> C (1,128,1536), batch (1) A strides (49152) B strides (0), gelu
// schedule t64x64x16_r8x8_v4_wgm: 64x64 tile per workgroup, 8x8 per invocation, K staged 16 at a time through workgroup memory
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> bias: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<vec4<f32>>;
const M: u32 = 128u;
const N: u32 = 1536u;
const K: u32 = 384u;

fn nn_erf4(x: vec4<f32>) -> vec4<f32> {
  let z = abs(x);
  let t = 1.0 / (1.0 + 0.3275911 * z);
  let p = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign(x) * (1.0 - p * exp(-z * z));
}
fn nn_gelu4(x: vec4<f32>) -> vec4<f32> {
  return 0.5 * x * (1.0 + nn_erf4(x * 0.70710678118654752));
}

var<workgroup> As: array<f32, 1024>;
var<workgroup> Bs: array<vec4<f32>, 256>;

@compute @workgroup_size(8, 8, 1)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(local_invocation_index) tid: u32) {
  let aBase = 0u;
  let bBase = 0u;
  let cBase = wid.z * 196608u;
  let row = wid.y * 64u + lid.y * 8u;
  let col = wid.x * 64u + lid.x * 8u;
  var acc0_0 = vec4<f32>(0.0);
  var acc0_1 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc1_1 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc2_1 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  var acc3_1 = vec4<f32>(0.0);
  var acc4_0 = vec4<f32>(0.0);
  var acc4_1 = vec4<f32>(0.0);
  var acc5_0 = vec4<f32>(0.0);
  var acc5_1 = vec4<f32>(0.0);
  var acc6_0 = vec4<f32>(0.0);
  var acc6_1 = vec4<f32>(0.0);
  var acc7_0 = vec4<f32>(0.0);
  var acc7_1 = vec4<f32>(0.0);
  for (var k0 = 0u; k0 < K; k0 = k0 + 16u) {
    for (var e = tid; e < 1024u; e = e + 64u) {
      let m = e / 16u;
      let kk = e % 16u;
      let gm = wid.y * 64u + m;
      let gk = k0 + kk;
      As[kk * 64u + m] = a[aBase + gm * K + gk];
    }
    for (var e = tid; e < 256u; e = e + 64u) {
      let kk = e / 16u;
      let n = e % 16u;
      let gn = wid.x * 64u + n * 4u;
      let gk = k0 + kk;
      Bs[kk * 16u + n] = b[(bBase + gk * N + gn) / 4u];
    }
    workgroupBarrier();
    for (var kk = 0u; kk < 16u; kk = kk + 1u) {
      let a0 = As[kk * 64u + lid.y * 8u + 0u];
      let a1 = As[kk * 64u + lid.y * 8u + 1u];
      let a2 = As[kk * 64u + lid.y * 8u + 2u];
      let a3 = As[kk * 64u + lid.y * 8u + 3u];
      let a4 = As[kk * 64u + lid.y * 8u + 4u];
      let a5 = As[kk * 64u + lid.y * 8u + 5u];
      let a6 = As[kk * 64u + lid.y * 8u + 6u];
      let a7 = As[kk * 64u + lid.y * 8u + 7u];
      let b0 = Bs[kk * 16u + lid.x * 2u + 0u];
      let b1 = Bs[kk * 16u + lid.x * 2u + 1u];
      acc0_0 = fma(vec4<f32>(a0), b0, acc0_0);
      acc0_1 = fma(vec4<f32>(a0), b1, acc0_1);
      acc1_0 = fma(vec4<f32>(a1), b0, acc1_0);
      acc1_1 = fma(vec4<f32>(a1), b1, acc1_1);
      acc2_0 = fma(vec4<f32>(a2), b0, acc2_0);
      acc2_1 = fma(vec4<f32>(a2), b1, acc2_1);
      acc3_0 = fma(vec4<f32>(a3), b0, acc3_0);
      acc3_1 = fma(vec4<f32>(a3), b1, acc3_1);
      acc4_0 = fma(vec4<f32>(a4), b0, acc4_0);
      acc4_1 = fma(vec4<f32>(a4), b1, acc4_1);
      acc5_0 = fma(vec4<f32>(a5), b0, acc5_0);
      acc5_1 = fma(vec4<f32>(a5), b1, acc5_1);
      acc6_0 = fma(vec4<f32>(a6), b0, acc6_0);
      acc6_1 = fma(vec4<f32>(a6), b1, acc6_1);
      acc7_0 = fma(vec4<f32>(a7), b0, acc7_0);
      acc7_1 = fma(vec4<f32>(a7), b1, acc7_1);
    }
    workgroupBarrier();
  }
  {
    let r = row + 0u;
    let cc = col + 0u;
    c[(cBase + r * N + cc) / 4u] = nn_gelu4((acc0_0 + vec4<f32>(bias[cc], bias[cc + 1u], bias[cc + 2u], bias[cc + 3u])));
  }
  {
    let r = row + 0u;
    let cc = col + 4u;
    c[(cBase + r * N + cc) / 4u] = nn_gelu4((acc0_1 + vec4<f32>(bias[cc], bias[cc + 1u], bias[cc + 2u], bias[cc + 3u])));
  }
  {
    let r = row + 1u;
    let cc = col + 0u;
    c[(cBase + r * N + cc) / 4u] = nn_gelu4((acc1_0 + vec4<f32>(bias[cc], bias[cc + 1u], bias[cc + 2u], bias[cc + 3u])));
  }
  {
    let r = row + 1u;
    let cc = col + 4u;
    c[(cBase + r * N + cc) / 4u] = nn_gelu4((acc1_1 + vec4<f32>(bias[cc], bias[cc + 1u], bias[cc + 2u], bias[cc + 3u])));
  }
  {
    let r = row + 2u;
    let cc = col + 0u;
    c[(cBase + r * N + cc) / 4u] = nn_gelu4((acc2_0 + vec4<f32>(bias[cc], bias[cc + 1u], bias[cc + 2u], bias[cc + 3u])));
  }
  {
    let r = row + 2u;
    let cc = col + 4u;
    c[(cBase + r * N + cc) / 4u] = nn_gelu4((acc2_1 + vec4<f32>(bias[cc], bias[cc + 1u], bias[cc + 2u], bias[cc + 3u])));
  }
  {
    let r = row + 3u;
    let cc = col + 0u;
    c[(cBase + r * N + cc) / 4u] = nn_gelu4((acc3_0 + vec4<f32>(bias[cc], bias[cc + 1u], bias[cc + 2u], bias[cc + 3u])));
  }
  {
    let r = row + 3u;
    let cc = col + 4u;
    c[(cBase + r * N + cc) / 4u] = nn_gelu4((acc3_1 + vec4<f32>(bias[cc], bias[cc + 1u], bias[cc + 2u], bias[cc + 3u])));
  }
  {
    let r = row + 4u;
    let cc = col + 0u;
    c[(cBase + r * N + cc) / 4u] = nn_gelu4((acc4_0 + vec4<f32>(bias[cc], bias[cc + 1u], bias[cc + 2u], bias[cc + 3u])));
  }
  {
    let r = row + 4u;
    let cc = col + 4u;
    c[(cBase + r * N + cc) / 4u] = nn_gelu4((acc4_1 + vec4<f32>(bias[cc], bias[cc + 1u], bias[cc + 2u], bias[cc + 3u])));
  }
  {
    let r = row + 5u;
    let cc = col + 0u;
    c[(cBase + r * N + cc) / 4u] = nn_gelu4((acc5_0 + vec4<f32>(bias[cc], bias[cc + 1u], bias[cc + 2u], bias[cc + 3u])));
  }
  {
    let r = row + 5u;
    let cc = col + 4u;
    c[(cBase + r * N + cc) / 4u] = nn_gelu4((acc5_1 + vec4<f32>(bias[cc], bias[cc + 1u], bias[cc + 2u], bias[cc + 3u])));
  }
  {
    let r = row + 6u;
    let cc = col + 0u;
    c[(cBase + r * N + cc) / 4u] = nn_gelu4((acc6_0 + vec4<f32>(bias[cc], bias[cc + 1u], bias[cc + 2u], bias[cc + 3u])));
  }
  {
    let r = row + 6u;
    let cc = col + 4u;
    c[(cBase + r * N + cc) / 4u] = nn_gelu4((acc6_1 + vec4<f32>(bias[cc], bias[cc + 1u], bias[cc + 2u], bias[cc + 3u])));
  }
  {
    let r = row + 7u;
    let cc = col + 0u;
    c[(cBase + r * N + cc) / 4u] = nn_gelu4((acc7_0 + vec4<f32>(bias[cc], bias[cc + 1u], bias[cc + 2u], bias[cc + 3u])));
  }
  {
    let r = row + 7u;
    let cc = col + 4u;
    c[(cBase + r * N + cc) / 4u] = nn_gelu4((acc7_1 + vec4<f32>(bias[cc], bias[cc + 1u], bias[cc + 2u], bias[cc + 3u])));
  }
}
