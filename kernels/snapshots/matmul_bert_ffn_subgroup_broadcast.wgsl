// matmul: A (128,384) @ B (384,1536) + bias (1536) -> C (1,128,1536), batch (1) A strides (49152) B strides (0), gelu
// schedule t4x512x4_r4x8_v4_reg_sgb: 4x512 tile per workgroup, 4x8 per invocation, K one subgroup at a time, A shared by subgroupShuffle, unrolled by 4
enable subgroups;
diagnostic(off, subgroup_uniformity);
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

@compute @workgroup_size(64, 1, 1)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(subgroup_invocation_id) lane: u32, @builtin(subgroup_size) lanes: u32) {
  let aBase = 0u;
  let bBase = 0u;
  let cBase = wid.z * 196608u;
  let row = wid.y * 4u + lid.y * 4u;
  let col = wid.x * 512u + lid.x * 8u;
  var acc0_0 = vec4<f32>(0.0);
  var acc0_1 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc1_1 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc2_1 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  var acc3_1 = vec4<f32>(0.0);
  let ar0 = aBase + (row + 0u) * K;
  let ar1 = aBase + (row + 1u) * K;
  let ar2 = aBase + (row + 2u) * K;
  let ar3 = aBase + (row + 3u) * K;
  let bc0 = (bBase + col + 0u) / 4u;
  let bc1 = (bBase + col + 4u) / 4u;
  let full = subgroupAdd(1u) == lanes;
  let kstep = select(1u, lanes, full);
  let own = select(0u, lane, full);
  for (var k0 = 0u; k0 < K; k0 = k0 + kstep) {
    let ka = min(k0 + own, 383u);
    let sa0 = a[ar0 + ka];
    let sa1 = a[ar1 + ka];
    let sa2 = a[ar2 + ka];
    let sa3 = a[ar3 + ka];
    let kn = min(kstep, K - k0);
    var j = 0u;
    for (; j + 3u < kn; j = j + 4u) {
      {
        let a0 = select(sa0, subgroupShuffle(sa0, j), full);
        let a1 = select(sa1, subgroupShuffle(sa1, j), full);
        let a2 = select(sa2, subgroupShuffle(sa2, j), full);
        let a3 = select(sa3, subgroupShuffle(sa3, j), full);
        let b0 = b[bc0 + (k0 + j) * 384u];
        let b1 = b[bc1 + (k0 + j) * 384u];
        acc0_0 = fma(vec4<f32>(a0), b0, acc0_0);
        acc0_1 = fma(vec4<f32>(a0), b1, acc0_1);
        acc1_0 = fma(vec4<f32>(a1), b0, acc1_0);
        acc1_1 = fma(vec4<f32>(a1), b1, acc1_1);
        acc2_0 = fma(vec4<f32>(a2), b0, acc2_0);
        acc2_1 = fma(vec4<f32>(a2), b1, acc2_1);
        acc3_0 = fma(vec4<f32>(a3), b0, acc3_0);
        acc3_1 = fma(vec4<f32>(a3), b1, acc3_1);
      }
      {
        let a0 = select(sa0, subgroupShuffle(sa0, j + 1u), full);
        let a1 = select(sa1, subgroupShuffle(sa1, j + 1u), full);
        let a2 = select(sa2, subgroupShuffle(sa2, j + 1u), full);
        let a3 = select(sa3, subgroupShuffle(sa3, j + 1u), full);
        let b0 = b[bc0 + (k0 + j + 1u) * 384u];
        let b1 = b[bc1 + (k0 + j + 1u) * 384u];
        acc0_0 = fma(vec4<f32>(a0), b0, acc0_0);
        acc0_1 = fma(vec4<f32>(a0), b1, acc0_1);
        acc1_0 = fma(vec4<f32>(a1), b0, acc1_0);
        acc1_1 = fma(vec4<f32>(a1), b1, acc1_1);
        acc2_0 = fma(vec4<f32>(a2), b0, acc2_0);
        acc2_1 = fma(vec4<f32>(a2), b1, acc2_1);
        acc3_0 = fma(vec4<f32>(a3), b0, acc3_0);
        acc3_1 = fma(vec4<f32>(a3), b1, acc3_1);
      }
      {
        let a0 = select(sa0, subgroupShuffle(sa0, j + 2u), full);
        let a1 = select(sa1, subgroupShuffle(sa1, j + 2u), full);
        let a2 = select(sa2, subgroupShuffle(sa2, j + 2u), full);
        let a3 = select(sa3, subgroupShuffle(sa3, j + 2u), full);
        let b0 = b[bc0 + (k0 + j + 2u) * 384u];
        let b1 = b[bc1 + (k0 + j + 2u) * 384u];
        acc0_0 = fma(vec4<f32>(a0), b0, acc0_0);
        acc0_1 = fma(vec4<f32>(a0), b1, acc0_1);
        acc1_0 = fma(vec4<f32>(a1), b0, acc1_0);
        acc1_1 = fma(vec4<f32>(a1), b1, acc1_1);
        acc2_0 = fma(vec4<f32>(a2), b0, acc2_0);
        acc2_1 = fma(vec4<f32>(a2), b1, acc2_1);
        acc3_0 = fma(vec4<f32>(a3), b0, acc3_0);
        acc3_1 = fma(vec4<f32>(a3), b1, acc3_1);
      }
      {
        let a0 = select(sa0, subgroupShuffle(sa0, j + 3u), full);
        let a1 = select(sa1, subgroupShuffle(sa1, j + 3u), full);
        let a2 = select(sa2, subgroupShuffle(sa2, j + 3u), full);
        let a3 = select(sa3, subgroupShuffle(sa3, j + 3u), full);
        let b0 = b[bc0 + (k0 + j + 3u) * 384u];
        let b1 = b[bc1 + (k0 + j + 3u) * 384u];
        acc0_0 = fma(vec4<f32>(a0), b0, acc0_0);
        acc0_1 = fma(vec4<f32>(a0), b1, acc0_1);
        acc1_0 = fma(vec4<f32>(a1), b0, acc1_0);
        acc1_1 = fma(vec4<f32>(a1), b1, acc1_1);
        acc2_0 = fma(vec4<f32>(a2), b0, acc2_0);
        acc2_1 = fma(vec4<f32>(a2), b1, acc2_1);
        acc3_0 = fma(vec4<f32>(a3), b0, acc3_0);
        acc3_1 = fma(vec4<f32>(a3), b1, acc3_1);
      }
    }
    for (; j < kn; j = j + 1u) {
      {
        let a0 = select(sa0, subgroupShuffle(sa0, j), full);
        let a1 = select(sa1, subgroupShuffle(sa1, j), full);
        let a2 = select(sa2, subgroupShuffle(sa2, j), full);
        let a3 = select(sa3, subgroupShuffle(sa3, j), full);
        let b0 = b[bc0 + (k0 + j) * 384u];
        let b1 = b[bc1 + (k0 + j) * 384u];
        acc0_0 = fma(vec4<f32>(a0), b0, acc0_0);
        acc0_1 = fma(vec4<f32>(a0), b1, acc0_1);
        acc1_0 = fma(vec4<f32>(a1), b0, acc1_0);
        acc1_1 = fma(vec4<f32>(a1), b1, acc1_1);
        acc2_0 = fma(vec4<f32>(a2), b0, acc2_0);
        acc2_1 = fma(vec4<f32>(a2), b1, acc2_1);
        acc3_0 = fma(vec4<f32>(a3), b0, acc3_0);
        acc3_1 = fma(vec4<f32>(a3), b1, acc3_1);
      }
    }
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
}
