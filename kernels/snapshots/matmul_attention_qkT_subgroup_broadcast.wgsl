// matmul: A (128,64) @ B^T (128,64) -> C (2,12,128,128), batch (2,12) A strides (98304,8192) B strides (98304,8192)
// schedule t8x128x4_r8x4_v1_reg_sgb: 8x128 tile per workgroup, 8x4 per invocation, K unrolled by 4, A loaded once per 4 k and shared by subgroupBroadcast
enable subgroups;
diagnostic(off, subgroup_uniformity);
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> c: array<f32>;
const M: u32 = 128u;
const N: u32 = 128u;
const K: u32 = 64u;

@compute @workgroup_size(32, 1, 1)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(subgroup_invocation_id) lane: u32) {
  let z1 = wid.z % 12u;
  let zq1 = wid.z / 12u;
  let z0 = zq1;
  let aBase = z0 * 98304u + z1 * 8192u;
  let bBase = z0 * 98304u + z1 * 8192u;
  let cBase = wid.z * 16384u;
  let row = wid.y * 8u + lid.y * 8u;
  let col = wid.x * 128u + lid.x * 4u;
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
  var acc4_0 = f32(0.0);
  var acc4_1 = f32(0.0);
  var acc4_2 = f32(0.0);
  var acc4_3 = f32(0.0);
  var acc5_0 = f32(0.0);
  var acc5_1 = f32(0.0);
  var acc5_2 = f32(0.0);
  var acc5_3 = f32(0.0);
  var acc6_0 = f32(0.0);
  var acc6_1 = f32(0.0);
  var acc6_2 = f32(0.0);
  var acc6_3 = f32(0.0);
  var acc7_0 = f32(0.0);
  var acc7_1 = f32(0.0);
  var acc7_2 = f32(0.0);
  var acc7_3 = f32(0.0);
  let ar0 = aBase + (row + 0u) * K;
  let ar1 = aBase + (row + 1u) * K;
  let ar2 = aBase + (row + 2u) * K;
  let ar3 = aBase + (row + 3u) * K;
  let ar4 = aBase + (row + 4u) * K;
  let ar5 = aBase + (row + 5u) * K;
  let ar6 = aBase + (row + 6u) * K;
  let ar7 = aBase + (row + 7u) * K;
  let bc0 = bBase + (col + 0u) * K;
  let bc1 = bBase + (col + 1u) * K;
  let bc2 = bBase + (col + 2u) * K;
  let bc3 = bBase + (col + 3u) * K;
  let sources = (subgroupBallot(true).x & 15u) == 15u;
  let own = lane % 4u;
  if (sources) {
    for (var k0 = 0u; k0 < 64u; k0 = k0 + 4u) {
      let sa0 = a[ar0 + (k0 + own)];
      let sa1 = a[ar1 + (k0 + own)];
      let sa2 = a[ar2 + (k0 + own)];
      let sa3 = a[ar3 + (k0 + own)];
      let sa4 = a[ar4 + (k0 + own)];
      let sa5 = a[ar5 + (k0 + own)];
      let sa6 = a[ar6 + (k0 + own)];
      let sa7 = a[ar7 + (k0 + own)];
      {
        let a0 = subgroupBroadcast(sa0, 0u);
        let a1 = subgroupBroadcast(sa1, 0u);
        let a2 = subgroupBroadcast(sa2, 0u);
        let a3 = subgroupBroadcast(sa3, 0u);
        let a4 = subgroupBroadcast(sa4, 0u);
        let a5 = subgroupBroadcast(sa5, 0u);
        let a6 = subgroupBroadcast(sa6, 0u);
        let a7 = subgroupBroadcast(sa7, 0u);
        let b0 = b[bc0 + k0];
        let b1 = b[bc1 + k0];
        let b2 = b[bc2 + k0];
        let b3 = b[bc3 + k0];
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
        acc4_0 = fma(a4, b0, acc4_0);
        acc4_1 = fma(a4, b1, acc4_1);
        acc4_2 = fma(a4, b2, acc4_2);
        acc4_3 = fma(a4, b3, acc4_3);
        acc5_0 = fma(a5, b0, acc5_0);
        acc5_1 = fma(a5, b1, acc5_1);
        acc5_2 = fma(a5, b2, acc5_2);
        acc5_3 = fma(a5, b3, acc5_3);
        acc6_0 = fma(a6, b0, acc6_0);
        acc6_1 = fma(a6, b1, acc6_1);
        acc6_2 = fma(a6, b2, acc6_2);
        acc6_3 = fma(a6, b3, acc6_3);
        acc7_0 = fma(a7, b0, acc7_0);
        acc7_1 = fma(a7, b1, acc7_1);
        acc7_2 = fma(a7, b2, acc7_2);
        acc7_3 = fma(a7, b3, acc7_3);
      }
      {
        let a0 = subgroupBroadcast(sa0, 1u);
        let a1 = subgroupBroadcast(sa1, 1u);
        let a2 = subgroupBroadcast(sa2, 1u);
        let a3 = subgroupBroadcast(sa3, 1u);
        let a4 = subgroupBroadcast(sa4, 1u);
        let a5 = subgroupBroadcast(sa5, 1u);
        let a6 = subgroupBroadcast(sa6, 1u);
        let a7 = subgroupBroadcast(sa7, 1u);
        let b0 = b[bc0 + k0 + 1u];
        let b1 = b[bc1 + k0 + 1u];
        let b2 = b[bc2 + k0 + 1u];
        let b3 = b[bc3 + k0 + 1u];
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
        acc4_0 = fma(a4, b0, acc4_0);
        acc4_1 = fma(a4, b1, acc4_1);
        acc4_2 = fma(a4, b2, acc4_2);
        acc4_3 = fma(a4, b3, acc4_3);
        acc5_0 = fma(a5, b0, acc5_0);
        acc5_1 = fma(a5, b1, acc5_1);
        acc5_2 = fma(a5, b2, acc5_2);
        acc5_3 = fma(a5, b3, acc5_3);
        acc6_0 = fma(a6, b0, acc6_0);
        acc6_1 = fma(a6, b1, acc6_1);
        acc6_2 = fma(a6, b2, acc6_2);
        acc6_3 = fma(a6, b3, acc6_3);
        acc7_0 = fma(a7, b0, acc7_0);
        acc7_1 = fma(a7, b1, acc7_1);
        acc7_2 = fma(a7, b2, acc7_2);
        acc7_3 = fma(a7, b3, acc7_3);
      }
      {
        let a0 = subgroupBroadcast(sa0, 2u);
        let a1 = subgroupBroadcast(sa1, 2u);
        let a2 = subgroupBroadcast(sa2, 2u);
        let a3 = subgroupBroadcast(sa3, 2u);
        let a4 = subgroupBroadcast(sa4, 2u);
        let a5 = subgroupBroadcast(sa5, 2u);
        let a6 = subgroupBroadcast(sa6, 2u);
        let a7 = subgroupBroadcast(sa7, 2u);
        let b0 = b[bc0 + k0 + 2u];
        let b1 = b[bc1 + k0 + 2u];
        let b2 = b[bc2 + k0 + 2u];
        let b3 = b[bc3 + k0 + 2u];
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
        acc4_0 = fma(a4, b0, acc4_0);
        acc4_1 = fma(a4, b1, acc4_1);
        acc4_2 = fma(a4, b2, acc4_2);
        acc4_3 = fma(a4, b3, acc4_3);
        acc5_0 = fma(a5, b0, acc5_0);
        acc5_1 = fma(a5, b1, acc5_1);
        acc5_2 = fma(a5, b2, acc5_2);
        acc5_3 = fma(a5, b3, acc5_3);
        acc6_0 = fma(a6, b0, acc6_0);
        acc6_1 = fma(a6, b1, acc6_1);
        acc6_2 = fma(a6, b2, acc6_2);
        acc6_3 = fma(a6, b3, acc6_3);
        acc7_0 = fma(a7, b0, acc7_0);
        acc7_1 = fma(a7, b1, acc7_1);
        acc7_2 = fma(a7, b2, acc7_2);
        acc7_3 = fma(a7, b3, acc7_3);
      }
      {
        let a0 = subgroupBroadcast(sa0, 3u);
        let a1 = subgroupBroadcast(sa1, 3u);
        let a2 = subgroupBroadcast(sa2, 3u);
        let a3 = subgroupBroadcast(sa3, 3u);
        let a4 = subgroupBroadcast(sa4, 3u);
        let a5 = subgroupBroadcast(sa5, 3u);
        let a6 = subgroupBroadcast(sa6, 3u);
        let a7 = subgroupBroadcast(sa7, 3u);
        let b0 = b[bc0 + k0 + 3u];
        let b1 = b[bc1 + k0 + 3u];
        let b2 = b[bc2 + k0 + 3u];
        let b3 = b[bc3 + k0 + 3u];
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
        acc4_0 = fma(a4, b0, acc4_0);
        acc4_1 = fma(a4, b1, acc4_1);
        acc4_2 = fma(a4, b2, acc4_2);
        acc4_3 = fma(a4, b3, acc4_3);
        acc5_0 = fma(a5, b0, acc5_0);
        acc5_1 = fma(a5, b1, acc5_1);
        acc5_2 = fma(a5, b2, acc5_2);
        acc5_3 = fma(a5, b3, acc5_3);
        acc6_0 = fma(a6, b0, acc6_0);
        acc6_1 = fma(a6, b1, acc6_1);
        acc6_2 = fma(a6, b2, acc6_2);
        acc6_3 = fma(a6, b3, acc6_3);
        acc7_0 = fma(a7, b0, acc7_0);
        acc7_1 = fma(a7, b1, acc7_1);
        acc7_2 = fma(a7, b2, acc7_2);
        acc7_3 = fma(a7, b3, acc7_3);
      }
    }
  } else {
    for (var k = 0u; k < 64u; k = k + 4u) {
      {
        let a0 = a[ar0 + k];
        let a1 = a[ar1 + k];
        let a2 = a[ar2 + k];
        let a3 = a[ar3 + k];
        let a4 = a[ar4 + k];
        let a5 = a[ar5 + k];
        let a6 = a[ar6 + k];
        let a7 = a[ar7 + k];
        let b0 = b[bc0 + k];
        let b1 = b[bc1 + k];
        let b2 = b[bc2 + k];
        let b3 = b[bc3 + k];
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
        acc4_0 = fma(a4, b0, acc4_0);
        acc4_1 = fma(a4, b1, acc4_1);
        acc4_2 = fma(a4, b2, acc4_2);
        acc4_3 = fma(a4, b3, acc4_3);
        acc5_0 = fma(a5, b0, acc5_0);
        acc5_1 = fma(a5, b1, acc5_1);
        acc5_2 = fma(a5, b2, acc5_2);
        acc5_3 = fma(a5, b3, acc5_3);
        acc6_0 = fma(a6, b0, acc6_0);
        acc6_1 = fma(a6, b1, acc6_1);
        acc6_2 = fma(a6, b2, acc6_2);
        acc6_3 = fma(a6, b3, acc6_3);
        acc7_0 = fma(a7, b0, acc7_0);
        acc7_1 = fma(a7, b1, acc7_1);
        acc7_2 = fma(a7, b2, acc7_2);
        acc7_3 = fma(a7, b3, acc7_3);
      }
      {
        let a0 = a[ar0 + k + 1u];
        let a1 = a[ar1 + k + 1u];
        let a2 = a[ar2 + k + 1u];
        let a3 = a[ar3 + k + 1u];
        let a4 = a[ar4 + k + 1u];
        let a5 = a[ar5 + k + 1u];
        let a6 = a[ar6 + k + 1u];
        let a7 = a[ar7 + k + 1u];
        let b0 = b[bc0 + k + 1u];
        let b1 = b[bc1 + k + 1u];
        let b2 = b[bc2 + k + 1u];
        let b3 = b[bc3 + k + 1u];
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
        acc4_0 = fma(a4, b0, acc4_0);
        acc4_1 = fma(a4, b1, acc4_1);
        acc4_2 = fma(a4, b2, acc4_2);
        acc4_3 = fma(a4, b3, acc4_3);
        acc5_0 = fma(a5, b0, acc5_0);
        acc5_1 = fma(a5, b1, acc5_1);
        acc5_2 = fma(a5, b2, acc5_2);
        acc5_3 = fma(a5, b3, acc5_3);
        acc6_0 = fma(a6, b0, acc6_0);
        acc6_1 = fma(a6, b1, acc6_1);
        acc6_2 = fma(a6, b2, acc6_2);
        acc6_3 = fma(a6, b3, acc6_3);
        acc7_0 = fma(a7, b0, acc7_0);
        acc7_1 = fma(a7, b1, acc7_1);
        acc7_2 = fma(a7, b2, acc7_2);
        acc7_3 = fma(a7, b3, acc7_3);
      }
      {
        let a0 = a[ar0 + k + 2u];
        let a1 = a[ar1 + k + 2u];
        let a2 = a[ar2 + k + 2u];
        let a3 = a[ar3 + k + 2u];
        let a4 = a[ar4 + k + 2u];
        let a5 = a[ar5 + k + 2u];
        let a6 = a[ar6 + k + 2u];
        let a7 = a[ar7 + k + 2u];
        let b0 = b[bc0 + k + 2u];
        let b1 = b[bc1 + k + 2u];
        let b2 = b[bc2 + k + 2u];
        let b3 = b[bc3 + k + 2u];
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
        acc4_0 = fma(a4, b0, acc4_0);
        acc4_1 = fma(a4, b1, acc4_1);
        acc4_2 = fma(a4, b2, acc4_2);
        acc4_3 = fma(a4, b3, acc4_3);
        acc5_0 = fma(a5, b0, acc5_0);
        acc5_1 = fma(a5, b1, acc5_1);
        acc5_2 = fma(a5, b2, acc5_2);
        acc5_3 = fma(a5, b3, acc5_3);
        acc6_0 = fma(a6, b0, acc6_0);
        acc6_1 = fma(a6, b1, acc6_1);
        acc6_2 = fma(a6, b2, acc6_2);
        acc6_3 = fma(a6, b3, acc6_3);
        acc7_0 = fma(a7, b0, acc7_0);
        acc7_1 = fma(a7, b1, acc7_1);
        acc7_2 = fma(a7, b2, acc7_2);
        acc7_3 = fma(a7, b3, acc7_3);
      }
      {
        let a0 = a[ar0 + k + 3u];
        let a1 = a[ar1 + k + 3u];
        let a2 = a[ar2 + k + 3u];
        let a3 = a[ar3 + k + 3u];
        let a4 = a[ar4 + k + 3u];
        let a5 = a[ar5 + k + 3u];
        let a6 = a[ar6 + k + 3u];
        let a7 = a[ar7 + k + 3u];
        let b0 = b[bc0 + k + 3u];
        let b1 = b[bc1 + k + 3u];
        let b2 = b[bc2 + k + 3u];
        let b3 = b[bc3 + k + 3u];
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
        acc4_0 = fma(a4, b0, acc4_0);
        acc4_1 = fma(a4, b1, acc4_1);
        acc4_2 = fma(a4, b2, acc4_2);
        acc4_3 = fma(a4, b3, acc4_3);
        acc5_0 = fma(a5, b0, acc5_0);
        acc5_1 = fma(a5, b1, acc5_1);
        acc5_2 = fma(a5, b2, acc5_2);
        acc5_3 = fma(a5, b3, acc5_3);
        acc6_0 = fma(a6, b0, acc6_0);
        acc6_1 = fma(a6, b1, acc6_1);
        acc6_2 = fma(a6, b2, acc6_2);
        acc6_3 = fma(a6, b3, acc6_3);
        acc7_0 = fma(a7, b0, acc7_0);
        acc7_1 = fma(a7, b1, acc7_1);
        acc7_2 = fma(a7, b2, acc7_2);
        acc7_3 = fma(a7, b3, acc7_3);
      }
    }
  }
  {
    let r = row + 0u;
    let cc = col + 0u;
    c[cBase + r * N + cc] = acc0_0;
  }
  {
    let r = row + 0u;
    let cc = col + 1u;
    c[cBase + r * N + cc] = acc0_1;
  }
  {
    let r = row + 0u;
    let cc = col + 2u;
    c[cBase + r * N + cc] = acc0_2;
  }
  {
    let r = row + 0u;
    let cc = col + 3u;
    c[cBase + r * N + cc] = acc0_3;
  }
  {
    let r = row + 1u;
    let cc = col + 0u;
    c[cBase + r * N + cc] = acc1_0;
  }
  {
    let r = row + 1u;
    let cc = col + 1u;
    c[cBase + r * N + cc] = acc1_1;
  }
  {
    let r = row + 1u;
    let cc = col + 2u;
    c[cBase + r * N + cc] = acc1_2;
  }
  {
    let r = row + 1u;
    let cc = col + 3u;
    c[cBase + r * N + cc] = acc1_3;
  }
  {
    let r = row + 2u;
    let cc = col + 0u;
    c[cBase + r * N + cc] = acc2_0;
  }
  {
    let r = row + 2u;
    let cc = col + 1u;
    c[cBase + r * N + cc] = acc2_1;
  }
  {
    let r = row + 2u;
    let cc = col + 2u;
    c[cBase + r * N + cc] = acc2_2;
  }
  {
    let r = row + 2u;
    let cc = col + 3u;
    c[cBase + r * N + cc] = acc2_3;
  }
  {
    let r = row + 3u;
    let cc = col + 0u;
    c[cBase + r * N + cc] = acc3_0;
  }
  {
    let r = row + 3u;
    let cc = col + 1u;
    c[cBase + r * N + cc] = acc3_1;
  }
  {
    let r = row + 3u;
    let cc = col + 2u;
    c[cBase + r * N + cc] = acc3_2;
  }
  {
    let r = row + 3u;
    let cc = col + 3u;
    c[cBase + r * N + cc] = acc3_3;
  }
  {
    let r = row + 4u;
    let cc = col + 0u;
    c[cBase + r * N + cc] = acc4_0;
  }
  {
    let r = row + 4u;
    let cc = col + 1u;
    c[cBase + r * N + cc] = acc4_1;
  }
  {
    let r = row + 4u;
    let cc = col + 2u;
    c[cBase + r * N + cc] = acc4_2;
  }
  {
    let r = row + 4u;
    let cc = col + 3u;
    c[cBase + r * N + cc] = acc4_3;
  }
  {
    let r = row + 5u;
    let cc = col + 0u;
    c[cBase + r * N + cc] = acc5_0;
  }
  {
    let r = row + 5u;
    let cc = col + 1u;
    c[cBase + r * N + cc] = acc5_1;
  }
  {
    let r = row + 5u;
    let cc = col + 2u;
    c[cBase + r * N + cc] = acc5_2;
  }
  {
    let r = row + 5u;
    let cc = col + 3u;
    c[cBase + r * N + cc] = acc5_3;
  }
  {
    let r = row + 6u;
    let cc = col + 0u;
    c[cBase + r * N + cc] = acc6_0;
  }
  {
    let r = row + 6u;
    let cc = col + 1u;
    c[cBase + r * N + cc] = acc6_1;
  }
  {
    let r = row + 6u;
    let cc = col + 2u;
    c[cBase + r * N + cc] = acc6_2;
  }
  {
    let r = row + 6u;
    let cc = col + 3u;
    c[cBase + r * N + cc] = acc6_3;
  }
  {
    let r = row + 7u;
    let cc = col + 0u;
    c[cBase + r * N + cc] = acc7_0;
  }
  {
    let r = row + 7u;
    let cc = col + 1u;
    c[cBase + r * N + cc] = acc7_1;
  }
  {
    let r = row + 7u;
    let cc = col + 2u;
    c[cBase + r * N + cc] = acc7_2;
  }
  {
    let r = row + 7u;
    let cc = col + 3u;
    c[cBase + r * N + cc] = acc7_3;
  }
}
