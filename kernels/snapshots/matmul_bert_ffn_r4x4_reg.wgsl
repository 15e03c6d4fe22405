// matmul: A (128,384) @ B (384,1536) + bias (1536) -> C (1,128,1536), batch (1) A strides (49152) B strides (0), gelu
// schedule t32x32x8_r4x4_v4_reg: 32x32 tile per workgroup, 4x4 per invocation, K unrolled by 8
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

@compute @workgroup_size(8, 8, 1)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(local_invocation_index) tid: u32) {
  let aBase = 0u;
  let bBase = 0u;
  let cBase = wid.z * 196608u;
  let row = wid.y * 32u + lid.y * 4u;
  let col = wid.x * 32u + lid.x * 4u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  let ar0 = aBase + (row + 0u) * K;
  let ar1 = aBase + (row + 1u) * K;
  let ar2 = aBase + (row + 2u) * K;
  let ar3 = aBase + (row + 3u) * K;
  let bc0 = (bBase + col + 0u) / 4u;
  for (var k = 0u; k < 384u; k = k + 8u) {
    {
      let a0 = a[ar0 + k];
      let a1 = a[ar1 + k];
      let a2 = a[ar2 + k];
      let a3 = a[ar3 + k];
      let b0 = b[bc0 + (k) * 384u];
      acc0_0 = fma(vec4<f32>(a0), b0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1), b0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2), b0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3), b0, acc3_0);
    }
    {
      let a0 = a[ar0 + k + 1u];
      let a1 = a[ar1 + k + 1u];
      let a2 = a[ar2 + k + 1u];
      let a3 = a[ar3 + k + 1u];
      let b0 = b[bc0 + (k + 1u) * 384u];
      acc0_0 = fma(vec4<f32>(a0), b0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1), b0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2), b0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3), b0, acc3_0);
    }
    {
      let a0 = a[ar0 + k + 2u];
      let a1 = a[ar1 + k + 2u];
      let a2 = a[ar2 + k + 2u];
      let a3 = a[ar3 + k + 2u];
      let b0 = b[bc0 + (k + 2u) * 384u];
      acc0_0 = fma(vec4<f32>(a0), b0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1), b0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2), b0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3), b0, acc3_0);
    }
    {
      let a0 = a[ar0 + k + 3u];
      let a1 = a[ar1 + k + 3u];
      let a2 = a[ar2 + k + 3u];
      let a3 = a[ar3 + k + 3u];
      let b0 = b[bc0 + (k + 3u) * 384u];
      acc0_0 = fma(vec4<f32>(a0), b0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1), b0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2), b0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3), b0, acc3_0);
    }
    {
      let a0 = a[ar0 + k + 4u];
      let a1 = a[ar1 + k + 4u];
      let a2 = a[ar2 + k + 4u];
      let a3 = a[ar3 + k + 4u];
      let b0 = b[bc0 + (k + 4u) * 384u];
      acc0_0 = fma(vec4<f32>(a0), b0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1), b0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2), b0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3), b0, acc3_0);
    }
    {
      let a0 = a[ar0 + k + 5u];
      let a1 = a[ar1 + k + 5u];
      let a2 = a[ar2 + k + 5u];
      let a3 = a[ar3 + k + 5u];
      let b0 = b[bc0 + (k + 5u) * 384u];
      acc0_0 = fma(vec4<f32>(a0), b0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1), b0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2), b0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3), b0, acc3_0);
    }
    {
      let a0 = a[ar0 + k + 6u];
      let a1 = a[ar1 + k + 6u];
      let a2 = a[ar2 + k + 6u];
      let a3 = a[ar3 + k + 6u];
      let b0 = b[bc0 + (k + 6u) * 384u];
      acc0_0 = fma(vec4<f32>(a0), b0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1), b0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2), b0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3), b0, acc3_0);
    }
    {
      let a0 = a[ar0 + k + 7u];
      let a1 = a[ar1 + k + 7u];
      let a2 = a[ar2 + k + 7u];
      let a3 = a[ar3 + k + 7u];
      let b0 = b[bc0 + (k + 7u) * 384u];
      acc0_0 = fma(vec4<f32>(a0), b0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1), b0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2), b0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3), b0, acc3_0);
    }
  }
  {
    let r = row + 0u;
    let cc = col + 0u;
    c[(cBase + r * N + cc) / 4u] = nn_gelu4((acc0_0 + vec4<f32>(bias[cc], bias[cc + 1u], bias[cc + 2u], bias[cc + 3u])));
  }
  {
    let r = row + 1u;
    let cc = col + 0u;
    c[(cBase + r * N + cc) / 4u] = nn_gelu4((acc1_0 + vec4<f32>(bias[cc], bias[cc + 1u], bias[cc + 2u], bias[cc + 3u])));
  }
  {
    let r = row + 2u;
    let cc = col + 0u;
    c[(cBase + r * N + cc) / 4u] = nn_gelu4((acc2_0 + vec4<f32>(bias[cc], bias[cc + 1u], bias[cc + 2u], bias[cc + 3u])));
  }
  {
    let r = row + 3u;
    let cc = col + 0u;
    c[(cBase + r * N + cc) / 4u] = nn_gelu4((acc3_0 + vec4<f32>(bias[cc], bias[cc + 1u], bias[cc + 2u], bias[cc + 3u])));
  }
}
