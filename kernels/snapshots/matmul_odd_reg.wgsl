// matmul: A (37,29) @ B (29,45) -> C (37,45)
// schedule t32x32x8_r4x4_v1_reg: 32x32 tile per workgroup, 4x4 per invocation, K unrolled by 8
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> c: array<f32>;
const M: u32 = 37u;
const N: u32 = 45u;
const K: u32 = 29u;

@compute @workgroup_size(8, 8, 1)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(local_invocation_index) tid: u32) {
  let aBase = 0u;
  let bBase = 0u;
  let cBase = 0u;
  let row = wid.y * 32u + lid.y * 4u;
  let col = wid.x * 32u + lid.x * 4u;
  var acc0_0 = f32(0.0);
  var acc0_1 = f32(0.0);
  var acc0_2 = f32(0.0);
  var acc0_3 = f32(0.0);
  var acc1_0 = f32(0.0);
  var acc1_1 = f32(0.0);
  var acc1_2 = f32(0.0);
  var acc1_3 = f32(0.0);
  var acc2_0 = f32(0.0);
  var acc2_1 = f32(0.0);
  var acc2_2 = f32(0.0);
  var acc2_3 = f32(0.0);
  var acc3_0 = f32(0.0);
  var acc3_1 = f32(0.0);
  var acc3_2 = f32(0.0);
  var acc3_3 = f32(0.0);
  let ar0 = aBase + (min(row + 0u, 36u)) * K;
  let ar1 = aBase + (min(row + 1u, 36u)) * K;
  let ar2 = aBase + (min(row + 2u, 36u)) * K;
  let ar3 = aBase + (min(row + 3u, 36u)) * K;
  let bc0 = bBase + min(col + 0u, 44u);
  let bc1 = bBase + min(col + 1u, 44u);
  let bc2 = bBase + min(col + 2u, 44u);
  let bc3 = bBase + min(col + 3u, 44u);
  for (var k = 0u; k < 24u; k = k + 8u) {
    {
      let a0 = a[ar0 + k];
      let a1 = a[ar1 + k];
      let a2 = a[ar2 + k];
      let a3 = a[ar3 + k];
      let b0 = b[bc0 + (k) * N];
      let b1 = b[bc1 + (k) * N];
      let b2 = b[bc2 + (k) * N];
      let b3 = b[bc3 + (k) * N];
      acc0_0 = fma(a0, b0, acc0_0);
      acc0_1 = fma(a0, b1, acc0_1);
      acc0_2 = fma(a0, b2, acc0_2);
      acc0_3 = fma(a0, b3, acc0_3);
      acc1_0 = fma(a1, b0, acc1_0);
      acc1_1 = fma(a1, b1, acc1_1);
      acc1_2 = fma(a1, b2, acc1_2);
      acc1_3 = fma(a1, b3, acc1_3);
      acc2_0 = fma(a2, b0, acc2_0);
      acc2_1 = fma(a2, b1, acc2_1);
      acc2_2 = fma(a2, b2, acc2_2);
      acc2_3 = fma(a2, b3, acc2_3);
      acc3_0 = fma(a3, b0, acc3_0);
      acc3_1 = fma(a3, b1, acc3_1);
      acc3_2 = fma(a3, b2, acc3_2);
      acc3_3 = fma(a3, b3, acc3_3);
    }
    {
      let a0 = a[ar0 + k + 1u];
      let a1 = a[ar1 + k + 1u];
      let a2 = a[ar2 + k + 1u];
      let a3 = a[ar3 + k + 1u];
      let b0 = b[bc0 + (k + 1u) * N];
      let b1 = b[bc1 + (k + 1u) * N];
      let b2 = b[bc2 + (k + 1u) * N];
      let b3 = b[bc3 + (k + 1u) * N];
      acc0_0 = fma(a0, b0, acc0_0);
      acc0_1 = fma(a0, b1, acc0_1);
      acc0_2 = fma(a0, b2, acc0_2);
      acc0_3 = fma(a0, b3, acc0_3);
      acc1_0 = fma(a1, b0, acc1_0);
      acc1_1 = fma(a1, b1, acc1_1);
      acc1_2 = fma(a1, b2, acc1_2);
      acc1_3 = fma(a1, b3, acc1_3);
      acc2_0 = fma(a2, b0, acc2_0);
      acc2_1 = fma(a2, b1, acc2_1);
      acc2_2 = fma(a2, b2, acc2_2);
      acc2_3 = fma(a2, b3, acc2_3);
      acc3_0 = fma(a3, b0, acc3_0);
      acc3_1 = fma(a3, b1, acc3_1);
      acc3_2 = fma(a3, b2, acc3_2);
      acc3_3 = fma(a3, b3, acc3_3);
    }
    {
      let a0 = a[ar0 + k + 2u];
      let a1 = a[ar1 + k + 2u];
      let a2 = a[ar2 + k + 2u];
      let a3 = a[ar3 + k + 2u];
      let b0 = b[bc0 + (k + 2u) * N];
      let b1 = b[bc1 + (k + 2u) * N];
      let b2 = b[bc2 + (k + 2u) * N];
      let b3 = b[bc3 + (k + 2u) * N];
      acc0_0 = fma(a0, b0, acc0_0);
      acc0_1 = fma(a0, b1, acc0_1);
      acc0_2 = fma(a0, b2, acc0_2);
      acc0_3 = fma(a0, b3, acc0_3);
      acc1_0 = fma(a1, b0, acc1_0);
      acc1_1 = fma(a1, b1, acc1_1);
      acc1_2 = fma(a1, b2, acc1_2);
      acc1_3 = fma(a1, b3, acc1_3);
      acc2_0 = fma(a2, b0, acc2_0);
      acc2_1 = fma(a2, b1, acc2_1);
      acc2_2 = fma(a2, b2, acc2_2);
      acc2_3 = fma(a2, b3, acc2_3);
      acc3_0 = fma(a3, b0, acc3_0);
      acc3_1 = fma(a3, b1, acc3_1);
      acc3_2 = fma(a3, b2, acc3_2);
      acc3_3 = fma(a3, b3, acc3_3);
    }
    {
      let a0 = a[ar0 + k + 3u];
      let a1 = a[ar1 + k + 3u];
      let a2 = a[ar2 + k + 3u];
      let a3 = a[ar3 + k + 3u];
      let b0 = b[bc0 + (k + 3u) * N];
      let b1 = b[bc1 + (k + 3u) * N];
      let b2 = b[bc2 + (k + 3u) * N];
      let b3 = b[bc3 + (k + 3u) * N];
      acc0_0 = fma(a0, b0, acc0_0);
      acc0_1 = fma(a0, b1, acc0_1);
      acc0_2 = fma(a0, b2, acc0_2);
      acc0_3 = fma(a0, b3, acc0_3);
      acc1_0 = fma(a1, b0, acc1_0);
      acc1_1 = fma(a1, b1, acc1_1);
      acc1_2 = fma(a1, b2, acc1_2);
      acc1_3 = fma(a1, b3, acc1_3);
      acc2_0 = fma(a2, b0, acc2_0);
      acc2_1 = fma(a2, b1, acc2_1);
      acc2_2 = fma(a2, b2, acc2_2);
      acc2_3 = fma(a2, b3, acc2_3);
      acc3_0 = fma(a3, b0, acc3_0);
      acc3_1 = fma(a3, b1, acc3_1);
      acc3_2 = fma(a3, b2, acc3_2);
      acc3_3 = fma(a3, b3, acc3_3);
    }
    {
      let a0 = a[ar0 + k + 4u];
      let a1 = a[ar1 + k + 4u];
      let a2 = a[ar2 + k + 4u];
      let a3 = a[ar3 + k + 4u];
      let b0 = b[bc0 + (k + 4u) * N];
      let b1 = b[bc1 + (k + 4u) * N];
      let b2 = b[bc2 + (k + 4u) * N];
      let b3 = b[bc3 + (k + 4u) * N];
      acc0_0 = fma(a0, b0, acc0_0);
      acc0_1 = fma(a0, b1, acc0_1);
      acc0_2 = fma(a0, b2, acc0_2);
      acc0_3 = fma(a0, b3, acc0_3);
      acc1_0 = fma(a1, b0, acc1_0);
      acc1_1 = fma(a1, b1, acc1_1);
      acc1_2 = fma(a1, b2, acc1_2);
      acc1_3 = fma(a1, b3, acc1_3);
      acc2_0 = fma(a2, b0, acc2_0);
      acc2_1 = fma(a2, b1, acc2_1);
      acc2_2 = fma(a2, b2, acc2_2);
      acc2_3 = fma(a2, b3, acc2_3);
      acc3_0 = fma(a3, b0, acc3_0);
      acc3_1 = fma(a3, b1, acc3_1);
      acc3_2 = fma(a3, b2, acc3_2);
      acc3_3 = fma(a3, b3, acc3_3);
    }
    {
      let a0 = a[ar0 + k + 5u];
      let a1 = a[ar1 + k + 5u];
      let a2 = a[ar2 + k + 5u];
      let a3 = a[ar3 + k + 5u];
      let b0 = b[bc0 + (k + 5u) * N];
      let b1 = b[bc1 + (k + 5u) * N];
      let b2 = b[bc2 + (k + 5u) * N];
      let b3 = b[bc3 + (k + 5u) * N];
      acc0_0 = fma(a0, b0, acc0_0);
      acc0_1 = fma(a0, b1, acc0_1);
      acc0_2 = fma(a0, b2, acc0_2);
      acc0_3 = fma(a0, b3, acc0_3);
      acc1_0 = fma(a1, b0, acc1_0);
      acc1_1 = fma(a1, b1, acc1_1);
      acc1_2 = fma(a1, b2, acc1_2);
      acc1_3 = fma(a1, b3, acc1_3);
      acc2_0 = fma(a2, b0, acc2_0);
      acc2_1 = fma(a2, b1, acc2_1);
      acc2_2 = fma(a2, b2, acc2_2);
      acc2_3 = fma(a2, b3, acc2_3);
      acc3_0 = fma(a3, b0, acc3_0);
      acc3_1 = fma(a3, b1, acc3_1);
      acc3_2 = fma(a3, b2, acc3_2);
      acc3_3 = fma(a3, b3, acc3_3);
    }
    {
      let a0 = a[ar0 + k + 6u];
      let a1 = a[ar1 + k + 6u];
      let a2 = a[ar2 + k + 6u];
      let a3 = a[ar3 + k + 6u];
      let b0 = b[bc0 + (k + 6u) * N];
      let b1 = b[bc1 + (k + 6u) * N];
      let b2 = b[bc2 + (k + 6u) * N];
      let b3 = b[bc3 + (k + 6u) * N];
      acc0_0 = fma(a0, b0, acc0_0);
      acc0_1 = fma(a0, b1, acc0_1);
      acc0_2 = fma(a0, b2, acc0_2);
      acc0_3 = fma(a0, b3, acc0_3);
      acc1_0 = fma(a1, b0, acc1_0);
      acc1_1 = fma(a1, b1, acc1_1);
      acc1_2 = fma(a1, b2, acc1_2);
      acc1_3 = fma(a1, b3, acc1_3);
      acc2_0 = fma(a2, b0, acc2_0);
      acc2_1 = fma(a2, b1, acc2_1);
      acc2_2 = fma(a2, b2, acc2_2);
      acc2_3 = fma(a2, b3, acc2_3);
      acc3_0 = fma(a3, b0, acc3_0);
      acc3_1 = fma(a3, b1, acc3_1);
      acc3_2 = fma(a3, b2, acc3_2);
      acc3_3 = fma(a3, b3, acc3_3);
    }
    {
      let a0 = a[ar0 + k + 7u];
      let a1 = a[ar1 + k + 7u];
      let a2 = a[ar2 + k + 7u];
      let a3 = a[ar3 + k + 7u];
      let b0 = b[bc0 + (k + 7u) * N];
      let b1 = b[bc1 + (k + 7u) * N];
      let b2 = b[bc2 + (k + 7u) * N];
      let b3 = b[bc3 + (k + 7u) * N];
      acc0_0 = fma(a0, b0, acc0_0);
      acc0_1 = fma(a0, b1, acc0_1);
      acc0_2 = fma(a0, b2, acc0_2);
      acc0_3 = fma(a0, b3, acc0_3);
      acc1_0 = fma(a1, b0, acc1_0);
      acc1_1 = fma(a1, b1, acc1_1);
      acc1_2 = fma(a1, b2, acc1_2);
      acc1_3 = fma(a1, b3, acc1_3);
      acc2_0 = fma(a2, b0, acc2_0);
      acc2_1 = fma(a2, b1, acc2_1);
      acc2_2 = fma(a2, b2, acc2_2);
      acc2_3 = fma(a2, b3, acc2_3);
      acc3_0 = fma(a3, b0, acc3_0);
      acc3_1 = fma(a3, b1, acc3_1);
      acc3_2 = fma(a3, b2, acc3_2);
      acc3_3 = fma(a3, b3, acc3_3);
    }
  }
  for (var k = 24u; k < K; k = k + 1u) {
    {
      let a0 = a[ar0 + k];
      let a1 = a[ar1 + k];
      let a2 = a[ar2 + k];
      let a3 = a[ar3 + k];
      let b0 = b[bc0 + (k) * N];
      let b1 = b[bc1 + (k) * N];
      let b2 = b[bc2 + (k) * N];
      let b3 = b[bc3 + (k) * N];
      acc0_0 = fma(a0, b0, acc0_0);
      acc0_1 = fma(a0, b1, acc0_1);
      acc0_2 = fma(a0, b2, acc0_2);
      acc0_3 = fma(a0, b3, acc0_3);
      acc1_0 = fma(a1, b0, acc1_0);
      acc1_1 = fma(a1, b1, acc1_1);
      acc1_2 = fma(a1, b2, acc1_2);
      acc1_3 = fma(a1, b3, acc1_3);
      acc2_0 = fma(a2, b0, acc2_0);
      acc2_1 = fma(a2, b1, acc2_1);
      acc2_2 = fma(a2, b2, acc2_2);
      acc2_3 = fma(a2, b3, acc2_3);
      acc3_0 = fma(a3, b0, acc3_0);
      acc3_1 = fma(a3, b1, acc3_1);
      acc3_2 = fma(a3, b2, acc3_2);
      acc3_3 = fma(a3, b3, acc3_3);
    }
  }
  if ((row + 0u) < M && (col + 0u) < N) {
    let r = row + 0u;
    let cc = col + 0u;
    c[cBase + r * N + cc] = acc0_0;
  }
  if ((row + 0u) < M && (col + 1u) < N) {
    let r = row + 0u;
    let cc = col + 1u;
    c[cBase + r * N + cc] = acc0_1;
  }
  if ((row + 0u) < M && (col + 2u) < N) {
    let r = row + 0u;
    let cc = col + 2u;
    c[cBase + r * N + cc] = acc0_2;
  }
  if ((row + 0u) < M && (col + 3u) < N) {
    let r = row + 0u;
    let cc = col + 3u;
    c[cBase + r * N + cc] = acc0_3;
  }
  if ((row + 1u) < M && (col + 0u) < N) {
    let r = row + 1u;
    let cc = col + 0u;
    c[cBase + r * N + cc] = acc1_0;
  }
  if ((row + 1u) < M && (col + 1u) < N) {
    let r = row + 1u;
    let cc = col + 1u;
    c[cBase + r * N + cc] = acc1_1;
  }
  if ((row + 1u) < M && (col + 2u) < N) {
    let r = row + 1u;
    let cc = col + 2u;
    c[cBase + r * N + cc] = acc1_2;
  }
  if ((row + 1u) < M && (col + 3u) < N) {
    let r = row + 1u;
    let cc = col + 3u;
    c[cBase + r * N + cc] = acc1_3;
  }
  if ((row + 2u) < M && (col + 0u) < N) {
    let r = row + 2u;
    let cc = col + 0u;
    c[cBase + r * N + cc] = acc2_0;
  }
  if ((row + 2u) < M && (col + 1u) < N) {
    let r = row + 2u;
    let cc = col + 1u;
    c[cBase + r * N + cc] = acc2_1;
  }
  if ((row + 2u) < M && (col + 2u) < N) {
    let r = row + 2u;
    let cc = col + 2u;
    c[cBase + r * N + cc] = acc2_2;
  }
  if ((row + 2u) < M && (col + 3u) < N) {
    let r = row + 2u;
    let cc = col + 3u;
    c[cBase + r * N + cc] = acc2_3;
  }
  if ((row + 3u) < M && (col + 0u) < N) {
    let r = row + 3u;
    let cc = col + 0u;
    c[cBase + r * N + cc] = acc3_0;
  }
  if ((row + 3u) < M && (col + 1u) < N) {
    let r = row + 3u;
    let cc = col + 1u;
    c[cBase + r * N + cc] = acc3_1;
  }
  if ((row + 3u) < M && (col + 2u) < N) {
    let r = row + 3u;
    let cc = col + 2u;
    c[cBase + r * N + cc] = acc3_2;
  }
  if ((row + 3u) < M && (col + 3u) < N) {
    let r = row + 3u;
    let cc = col + 3u;
    c[cBase + r * N + cc] = acc3_3;
  }
}
