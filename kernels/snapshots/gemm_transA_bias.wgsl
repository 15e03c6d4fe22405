// matmul: 0.5 * A^T (19,33) @ B (19,40) + 2.0 * bias (33,1) -> C (33,40)
// schedule t16x16x8_r2x2_v1_reg: 16x16 tile per workgroup, 2x2 per invocation, K unrolled by 8
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read> bias: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<f32>;
const M: u32 = 33u;
const N: u32 = 40u;
const K: u32 = 19u;

@compute @workgroup_size(8, 8, 1)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(local_invocation_index) tid: u32) {
  let aBase = 0u;
  let bBase = 0u;
  let cBase = 0u;
  let row = wid.y * 16u + lid.y * 2u;
  let col = wid.x * 16u + lid.x * 2u;
  var acc0_0 = f32(0.0);
  var acc0_1 = f32(0.0);
  var acc1_0 = f32(0.0);
  var acc1_1 = f32(0.0);
  let ar0 = aBase + min(row + 0u, 32u);
  let ar1 = aBase + min(row + 1u, 32u);
  let bc0 = bBase + min(col + 0u, 39u);
  let bc1 = bBase + min(col + 1u, 39u);
  for (var k = 0u; k < 16u; k = k + 8u) {
    {
      let a0 = a[ar0 + (k) * M];
      let a1 = a[ar1 + (k) * M];
      let b0 = b[bc0 + (k) * N];
      let b1 = b[bc1 + (k) * N];
      acc0_0 = fma(a0, b0, acc0_0);
      acc0_1 = fma(a0, b1, acc0_1);
      acc1_0 = fma(a1, b0, acc1_0);
      acc1_1 = fma(a1, b1, acc1_1);
    }
    {
      let a0 = a[ar0 + (k + 1u) * M];
      let a1 = a[ar1 + (k + 1u) * M];
      let b0 = b[bc0 + (k + 1u) * N];
      let b1 = b[bc1 + (k + 1u) * N];
      acc0_0 = fma(a0, b0, acc0_0);
      acc0_1 = fma(a0, b1, acc0_1);
      acc1_0 = fma(a1, b0, acc1_0);
      acc1_1 = fma(a1, b1, acc1_1);
    }
    {
      let a0 = a[ar0 + (k + 2u) * M];
      let a1 = a[ar1 + (k + 2u) * M];
      let b0 = b[bc0 + (k + 2u) * N];
      let b1 = b[bc1 + (k + 2u) * N];
      acc0_0 = fma(a0, b0, acc0_0);
      acc0_1 = fma(a0, b1, acc0_1);
      acc1_0 = fma(a1, b0, acc1_0);
      acc1_1 = fma(a1, b1, acc1_1);
    }
    {
      let a0 = a[ar0 + (k + 3u) * M];
      let a1 = a[ar1 + (k + 3u) * M];
      let b0 = b[bc0 + (k + 3u) * N];
      let b1 = b[bc1 + (k + 3u) * N];
      acc0_0 = fma(a0, b0, acc0_0);
      acc0_1 = fma(a0, b1, acc0_1);
      acc1_0 = fma(a1, b0, acc1_0);
      acc1_1 = fma(a1, b1, acc1_1);
    }
    {
      let a0 = a[ar0 + (k + 4u) * M];
      let a1 = a[ar1 + (k + 4u) * M];
      let b0 = b[bc0 + (k + 4u) * N];
      let b1 = b[bc1 + (k + 4u) * N];
      acc0_0 = fma(a0, b0, acc0_0);
      acc0_1 = fma(a0, b1, acc0_1);
      acc1_0 = fma(a1, b0, acc1_0);
      acc1_1 = fma(a1, b1, acc1_1);
    }
    {
      let a0 = a[ar0 + (k + 5u) * M];
      let a1 = a[ar1 + (k + 5u) * M];
      let b0 = b[bc0 + (k + 5u) * N];
      let b1 = b[bc1 + (k + 5u) * N];
      acc0_0 = fma(a0, b0, acc0_0);
      acc0_1 = fma(a0, b1, acc0_1);
      acc1_0 = fma(a1, b0, acc1_0);
      acc1_1 = fma(a1, b1, acc1_1);
    }
    {
      let a0 = a[ar0 + (k + 6u) * M];
      let a1 = a[ar1 + (k + 6u) * M];
      let b0 = b[bc0 + (k + 6u) * N];
      let b1 = b[bc1 + (k + 6u) * N];
      acc0_0 = fma(a0, b0, acc0_0);
      acc0_1 = fma(a0, b1, acc0_1);
      acc1_0 = fma(a1, b0, acc1_0);
      acc1_1 = fma(a1, b1, acc1_1);
    }
    {
      let a0 = a[ar0 + (k + 7u) * M];
      let a1 = a[ar1 + (k + 7u) * M];
      let b0 = b[bc0 + (k + 7u) * N];
      let b1 = b[bc1 + (k + 7u) * N];
      acc0_0 = fma(a0, b0, acc0_0);
      acc0_1 = fma(a0, b1, acc0_1);
      acc1_0 = fma(a1, b0, acc1_0);
      acc1_1 = fma(a1, b1, acc1_1);
    }
  }
  for (var k = 16u; k < K; k = k + 1u) {
    {
      let a0 = a[ar0 + (k) * M];
      let a1 = a[ar1 + (k) * M];
      let b0 = b[bc0 + (k) * N];
      let b1 = b[bc1 + (k) * N];
      acc0_0 = fma(a0, b0, acc0_0);
      acc0_1 = fma(a0, b1, acc0_1);
      acc1_0 = fma(a1, b0, acc1_0);
      acc1_1 = fma(a1, b1, acc1_1);
    }
  }
  if ((row + 0u) < M && (col + 0u) < N) {
    let r = row + 0u;
    let cc = col + 0u;
    c[cBase + r * N + cc] = ((acc0_0 * 0.5f) + (bias[r] * 2.0f));
  }
  if ((row + 0u) < M && (col + 1u) < N) {
    let r = row + 0u;
    let cc = col + 1u;
    c[cBase + r * N + cc] = ((acc0_1 * 0.5f) + (bias[r] * 2.0f));
  }
  if ((row + 1u) < M && (col + 0u) < N) {
    let r = row + 1u;
    let cc = col + 0u;
    c[cBase + r * N + cc] = ((acc1_0 * 0.5f) + (bias[r] * 2.0f));
  }
  if ((row + 1u) < M && (col + 1u) < N) {
    let r = row + 1u;
    let cc = col + 1u;
    c[cBase + r * N + cc] = ((acc1_1 * 0.5f) + (bias[r] * 2.0f));
  }
}
