// matmul: A (37,29) @ B (29,45) -> C (37,45)
// schedule t32x32x8_r4x4_v1_wgm: 32x32 tile per workgroup, 4x4 per invocation, K staged 8 at a time through workgroup memory
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> c: array<f32>;
const M: u32 = 37u;
const N: u32 = 45u;
const K: u32 = 29u;

var<workgroup> As: array<f32, 256>;
var<workgroup> Bs: array<f32, 256>;

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
  for (var k0 = 0u; k0 < K; k0 = k0 + 8u) {
    for (var e = tid; e < 256u; e = e + 64u) {
      let m = e / 8u;
      let kk = e % 8u;
      let gm = wid.y * 32u + m;
      let gk = k0 + kk;
      As[kk * 32u + m] = select(0.0, a[min(aBase + gm * K + gk, 1072u)], gm < M && gk < K);
    }
    for (var e = tid; e < 256u; e = e + 64u) {
      let kk = e / 32u;
      let n = e % 32u;
      let gn = wid.x * 32u + n;
      let gk = k0 + kk;
      Bs[kk * 32u + n] = select(0.0, b[min(bBase + gk * N + gn, 1304u)], gn < N && gk < K);
    }
    workgroupBarrier();
    for (var kk = 0u; kk < 8u; kk = kk + 1u) {
      let a0 = As[kk * 32u + lid.y * 4u + 0u];
      let a1 = As[kk * 32u + lid.y * 4u + 1u];
      let a2 = As[kk * 32u + lid.y * 4u + 2u];
      let a3 = As[kk * 32u + lid.y * 4u + 3u];
      let b0 = Bs[kk * 32u + lid.x * 4u + 0u];
      let b1 = Bs[kk * 32u + lid.x * 4u + 1u];
      let b2 = Bs[kk * 32u + lid.x * 4u + 2u];
      let b3 = Bs[kk * 32u + lid.x * 4u + 3u];
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
    workgroupBarrier();
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
