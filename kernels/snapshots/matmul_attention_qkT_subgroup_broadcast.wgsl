// matmul: A (128,64) @ B^T (128,64) -> C (2,12,128,128), batch (2,12) A strides (98304,8192) B strides (98304,8192)
// schedule t8x128x4_r8x4_v1_reg_sgb: 8x128 tile per workgroup, 8x4 per invocation, K one subgroup at a time, A shared by subgroupShuffle, unrolled by 4
enable subgroups;
diagnostic(off, subgroup_uniformity);
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> c: array<f32>;
const M: u32 = 128u;
const N: u32 = 128u;
const K: u32 = 64u;

@compute @workgroup_size(32, 1, 1)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(subgroup_invocation_id) lane: u32, @builtin(subgroup_size) lanes: u32) {
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
  let full = subgroupAdd(1u) == lanes;
  let kstep = select(1u, lanes, full);
  let own = select(0u, lane, full);
  for (var k0 = 0u; k0 < K; k0 = k0 + kstep) {
    let ka = min(k0 + own, 63u);
    let sa0 = a[ar0 + ka];
    let sa1 = a[ar1 + ka];
    let sa2 = a[ar2 + ka];
    let sa3 = a[ar3 + ka];
    let sa4 = a[ar4 + ka];
    let sa5 = a[ar5 + ka];
    let sa6 = a[ar6 + ka];
    let sa7 = a[ar7 + ka];
    let kn = min(kstep, K - k0);
    var j = 0u;
    for (; j + 3u < kn; j = j + 4u) {
      {
        let a0 = select(sa0, subgroupShuffle(sa0, j), full);
        let a1 = select(sa1, subgroupShuffle(sa1, j), full);
        let a2 = select(sa2, subgroupShuffle(sa2, j), full);
        let a3 = select(sa3, subgroupShuffle(sa3, j), full);
        let a4 = select(sa4, subgroupShuffle(sa4, j), full);
        let a5 = select(sa5, subgroupShuffle(sa5, j), full);
        let a6 = select(sa6, subgroupShuffle(sa6, j), full);
        let a7 = select(sa7, subgroupShuffle(sa7, j), full);
        let b0 = b[bc0 + k0 + j];
        let b1 = b[bc1 + k0 + j];
        let b2 = b[bc2 + k0 + j];
        let b3 = b[bc3 + k0 + j];
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
        let a0 = select(sa0, subgroupShuffle(sa0, j + 1u), full);
        let a1 = select(sa1, subgroupShuffle(sa1, j + 1u), full);
        let a2 = select(sa2, subgroupShuffle(sa2, j + 1u), full);
        let a3 = select(sa3, subgroupShuffle(sa3, j + 1u), full);
        let a4 = select(sa4, subgroupShuffle(sa4, j + 1u), full);
        let a5 = select(sa5, subgroupShuffle(sa5, j + 1u), full);
        let a6 = select(sa6, subgroupShuffle(sa6, j + 1u), full);
        let a7 = select(sa7, subgroupShuffle(sa7, j + 1u), full);
        let b0 = b[bc0 + k0 + j + 1u];
        let b1 = b[bc1 + k0 + j + 1u];
        let b2 = b[bc2 + k0 + j + 1u];
        let b3 = b[bc3 + k0 + j + 1u];
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
        let a0 = select(sa0, subgroupShuffle(sa0, j + 2u), full);
        let a1 = select(sa1, subgroupShuffle(sa1, j + 2u), full);
        let a2 = select(sa2, subgroupShuffle(sa2, j + 2u), full);
        let a3 = select(sa3, subgroupShuffle(sa3, j + 2u), full);
        let a4 = select(sa4, subgroupShuffle(sa4, j + 2u), full);
        let a5 = select(sa5, subgroupShuffle(sa5, j + 2u), full);
        let a6 = select(sa6, subgroupShuffle(sa6, j + 2u), full);
        let a7 = select(sa7, subgroupShuffle(sa7, j + 2u), full);
        let b0 = b[bc0 + k0 + j + 2u];
        let b1 = b[bc1 + k0 + j + 2u];
        let b2 = b[bc2 + k0 + j + 2u];
        let b3 = b[bc3 + k0 + j + 2u];
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
        let a0 = select(sa0, subgroupShuffle(sa0, j + 3u), full);
        let a1 = select(sa1, subgroupShuffle(sa1, j + 3u), full);
        let a2 = select(sa2, subgroupShuffle(sa2, j + 3u), full);
        let a3 = select(sa3, subgroupShuffle(sa3, j + 3u), full);
        let a4 = select(sa4, subgroupShuffle(sa4, j + 3u), full);
        let a5 = select(sa5, subgroupShuffle(sa5, j + 3u), full);
        let a6 = select(sa6, subgroupShuffle(sa6, j + 3u), full);
        let a7 = select(sa7, subgroupShuffle(sa7, j + 3u), full);
        let b0 = b[bc0 + k0 + j + 3u];
        let b1 = b[bc1 + k0 + j + 3u];
        let b2 = b[bc2 + k0 + j + 3u];
        let b3 = b[bc3 + k0 + j + 3u];
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
    for (; j < kn; j = j + 1u) {
      {
        let a0 = select(sa0, subgroupShuffle(sa0, j), full);
        let a1 = select(sa1, subgroupShuffle(sa1, j), full);
        let a2 = select(sa2, subgroupShuffle(sa2, j), full);
        let a3 = select(sa3, subgroupShuffle(sa3, j), full);
        let a4 = select(sa4, subgroupShuffle(sa4, j), full);
        let a5 = select(sa5, subgroupShuffle(sa5, j), full);
        let a6 = select(sa6, subgroupShuffle(sa6, j), full);
        let a7 = select(sa7, subgroupShuffle(sa7, j), full);
        let b0 = b[bc0 + k0 + j];
        let b1 = b[bc1 + k0 + j];
        let b2 = b[bc2 + k0 + j];
        let b3 = b[bc3 + k0 + j];
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
