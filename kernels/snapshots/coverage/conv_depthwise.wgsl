// conv: x (1,7,(6,5)) * w (7,1,(3,3)), group 7, strides (1,1), dilations (1,1), pads begin (1,1) -> y (1,7,(6,5))
// implicit GEMM per group: (1 x 9) @ (9 x 30); schedule r1x4_w1x64
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> w: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(64, 1, 1)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let g = wid.z;
  let m0 = (wid.y * 1u + lid.y) * 1u;
  let p0 = (wid.x * 64u + lid.x) * 4u;
  let pp0 = min(p0 + 0u, 29u);
  let n0 = pp0 / 30u;
  let o0 = pp0 % 30u;
  let oc0_1 = o0 % 5u;
  let oc0_q1 = o0 / 5u;
  let oc0_0 = oc0_q1;
  let s0_0 = i32(oc0_0) * 1i - 1i;
  let s0_1 = i32(oc0_1) * 1i - 1i;
  let xb0 = n0 * 210u + g * 30u;
  let pp1 = min(p0 + 1u, 29u);
  let n1 = pp1 / 30u;
  let o1 = pp1 % 30u;
  let oc1_1 = o1 % 5u;
  let oc1_q1 = o1 / 5u;
  let oc1_0 = oc1_q1;
  let s1_0 = i32(oc1_0) * 1i - 1i;
  let s1_1 = i32(oc1_1) * 1i - 1i;
  let xb1 = n1 * 210u + g * 30u;
  let pp2 = min(p0 + 2u, 29u);
  let n2 = pp2 / 30u;
  let o2 = pp2 % 30u;
  let oc2_1 = o2 % 5u;
  let oc2_q1 = o2 / 5u;
  let oc2_0 = oc2_q1;
  let s2_0 = i32(oc2_0) * 1i - 1i;
  let s2_1 = i32(oc2_1) * 1i - 1i;
  let xb2 = n2 * 210u + g * 30u;
  let pp3 = min(p0 + 3u, 29u);
  let n3 = pp3 / 30u;
  let o3 = pp3 % 30u;
  let oc3_1 = o3 % 5u;
  let oc3_q1 = o3 / 5u;
  let oc3_0 = oc3_q1;
  let s3_0 = i32(oc3_0) * 1i - 1i;
  let s3_1 = i32(oc3_1) * 1i - 1i;
  let xb3 = n3 * 210u + g * 30u;
  let wb0 = (g * 1u + min(m0 + 0u, 0u)) * 9u;
  var acc0_0 = 0.0;
  var acc0_1 = 0.0;
  var acc0_2 = 0.0;
  var acc0_3 = 0.0;
  for (var q = 0u; q < 9u; q = q + 1u) {
    let ci = q / 9u;
    let k1 = q % 9u % 3u;
    let kq1 = q % 9u / 3u;
    let k0 = kq1;
    let cb = ci * 30u;
    let y0_0 = s0_0 + i32(k0) * 1i;
    let y0_1 = s0_1 + i32(k1) * 1i;
    var x0 = 0.0;
    if (y0_0 >= 0i && y0_0 < 6i && y0_1 >= 0i && y0_1 < 5i) { x0 = x[xb0 + cb + u32(y0_0) * 5u + u32(y0_1) * 1u]; }
    let y1_0 = s1_0 + i32(k0) * 1i;
    let y1_1 = s1_1 + i32(k1) * 1i;
    var x1 = 0.0;
    if (y1_0 >= 0i && y1_0 < 6i && y1_1 >= 0i && y1_1 < 5i) { x1 = x[xb1 + cb + u32(y1_0) * 5u + u32(y1_1) * 1u]; }
    let y2_0 = s2_0 + i32(k0) * 1i;
    let y2_1 = s2_1 + i32(k1) * 1i;
    var x2 = 0.0;
    if (y2_0 >= 0i && y2_0 < 6i && y2_1 >= 0i && y2_1 < 5i) { x2 = x[xb2 + cb + u32(y2_0) * 5u + u32(y2_1) * 1u]; }
    let y3_0 = s3_0 + i32(k0) * 1i;
    let y3_1 = s3_1 + i32(k1) * 1i;
    var x3 = 0.0;
    if (y3_0 >= 0i && y3_0 < 6i && y3_1 >= 0i && y3_1 < 5i) { x3 = x[xb3 + cb + u32(y3_0) * 5u + u32(y3_1) * 1u]; }
    let w0 = w[wb0 + q];
    acc0_0 = fma(w0, x0, acc0_0);
    acc0_1 = fma(w0, x1, acc0_1);
    acc0_2 = fma(w0, x2, acc0_2);
    acc0_3 = fma(w0, x3, acc0_3);
  }
  if (m0 + 0u < 1u) {
    let m = g * 1u + m0 + 0u;
    if (p0 + 0u < 30u) {
      y[n0 * 210u + m * 30u + o0] = acc0_0;
    }
    if (p0 + 1u < 30u) {
      y[n1 * 210u + m * 30u + o1] = acc0_1;
    }
    if (p0 + 2u < 30u) {
      y[n2 * 210u + m * 30u + o2] = acc0_2;
    }
    if (p0 + 3u < 30u) {
      y[n3 * 210u + m * 30u + o3] = acc0_3;
    }
  }
}
