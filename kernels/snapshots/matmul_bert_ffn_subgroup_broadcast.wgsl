// matmul: A (128,384) @ B (384,1536) + bias (1536) -> C (1,128,1536), batch (1) A strides (49152) B strides (0), gelu
// schedule t4x512x4_r4x8_v4_reg_sgb: 4x512 tile per workgroup, 4x8 per invocation, K unrolled by 4, A loaded once per 4 k and shared by subgroupBroadcast
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
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(subgroup_invocation_id) lane: u32) {
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
  let sources = (subgroupBallot(true).x & 15u) == 15u;
  let own = lane % 4u;
  if (sources) {
    for (var k0 = 0u; k0 < 384u; k0 = k0 + 4u) {
      let sa0 = a[ar0 + (k0 + own)];
      let sa1 = a[ar1 + (k0 + own)];
      let sa2 = a[ar2 + (k0 + own)];
      let sa3 = a[ar3 + (k0 + own)];
      {
        let a0 = subgroupBroadcast(sa0, 0u);
        let a1 = subgroupBroadcast(sa1, 0u);
        let a2 = subgroupBroadcast(sa2, 0u);
        let a3 = subgroupBroadcast(sa3, 0u);
        let b0 = b[bc0 + (k0) * 384u];
        let b1 = b[bc1 + (k0) * 384u];
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
        let a0 = subgroupBroadcast(sa0, 1u);
        let a1 = subgroupBroadcast(sa1, 1u);
        let a2 = subgroupBroadcast(sa2, 1u);
        let a3 = subgroupBroadcast(sa3, 1u);
        let b0 = b[bc0 + (k0 + 1u) * 384u];
        let b1 = b[bc1 + (k0 + 1u) * 384u];
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
        let a0 = subgroupBroadcast(sa0, 2u);
        let a1 = subgroupBroadcast(sa1, 2u);
        let a2 = subgroupBroadcast(sa2, 2u);
        let a3 = subgroupBroadcast(sa3, 2u);
        let b0 = b[bc0 + (k0 + 2u) * 384u];
        let b1 = b[bc1 + (k0 + 2u) * 384u];
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
        let a0 = subgroupBroadcast(sa0, 3u);
        let a1 = subgroupBroadcast(sa1, 3u);
        let a2 = subgroupBroadcast(sa2, 3u);
        let a3 = subgroupBroadcast(sa3, 3u);
        let b0 = b[bc0 + (k0 + 3u) * 384u];
        let b1 = b[bc1 + (k0 + 3u) * 384u];
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
  } else {
    for (var k = 0u; k < 384u; k = k + 4u) {
      {
        let a0 = a[ar0 + k];
        let a1 = a[ar1 + k];
        let a2 = a[ar2 + k];
        let a3 = a[ar3 + k];
        let b0 = b[bc0 + (k) * 384u];
        let b1 = b[bc1 + (k) * 384u];
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
        let a0 = a[ar0 + k + 1u];
        let a1 = a[ar1 + k + 1u];
        let a2 = a[ar2 + k + 1u];
        let a3 = a[ar3 + k + 1u];
        let b0 = b[bc0 + (k + 1u) * 384u];
        let b1 = b[bc1 + (k + 1u) * 384u];
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
        let a0 = a[ar0 + k + 2u];
        let a1 = a[ar1 + k + 2u];
        let a2 = a[ar2 + k + 2u];
        let a3 = a[ar3 + k + 2u];
        let b0 = b[bc0 + (k + 2u) * 384u];
        let b1 = b[bc1 + (k + 2u) * 384u];
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
        let a0 = a[ar0 + k + 3u];
        let a1 = a[ar1 + k + 3u];
        let a2 = a[ar2 + k + 3u];
        let a3 = a[ar3 + k + 3u];
        let b0 = b[bc0 + (k + 3u) * 384u];
        let b1 = b[bc1 + (k + 3u) * 384u];
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
