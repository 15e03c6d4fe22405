// conv: x (2,4,(9,7)) * w (6,2,(3,2)) + bias, group 2, strides (2,1), dilations (1,2), pads begin (1,0) -> y (2,6,(5,5))
// implicit GEMM per group: (3 x 12) @ (12 x 50); schedule r2x4_w2x32
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> w: array<f32>;
@group(0) @binding(2) var<storage, read> bias: array<f32>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(32, 2, 1)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let g = wid.z;
  let m0 = (wid.y * 2u + lid.y) * 2u;
  let p0 = (wid.x * 32u + lid.x) * 4u;
  let pp0 = min(p0 + 0u, 49u);
  let n0 = pp0 / 25u;
  let o0 = pp0 % 25u;
  let oc0_1 = o0 % 5u;
  let oc0_q1 = o0 / 5u;
  let oc0_0 = oc0_q1;
  let s0_0 = i32(oc0_0) * 2i - 1i;
  let s0_1 = i32(oc0_1) * 1i - 0i;
  let xb0 = n0 * 252u + g * 126u;
  let pp1 = min(p0 + 1u, 49u);
  let n1 = pp1 / 25u;
  let o1 = pp1 % 25u;
  let oc1_1 = o1 % 5u;
  let oc1_q1 = o1 / 5u;
  let oc1_0 = oc1_q1;
  let s1_0 = i32(oc1_0) * 2i - 1i;
  let s1_1 = i32(oc1_1) * 1i - 0i;
  let xb1 = n1 * 252u + g * 126u;
  let pp2 = min(p0 + 2u, 49u);
  let n2 = pp2 / 25u;
  let o2 = pp2 % 25u;
  let oc2_1 = o2 % 5u;
  let oc2_q1 = o2 / 5u;
  let oc2_0 = oc2_q1;
  let s2_0 = i32(oc2_0) * 2i - 1i;
  let s2_1 = i32(oc2_1) * 1i - 0i;
  let xb2 = n2 * 252u + g * 126u;
  let pp3 = min(p0 + 3u, 49u);
  let n3 = pp3 / 25u;
  let o3 = pp3 % 25u;
  let oc3_1 = o3 % 5u;
  let oc3_q1 = o3 / 5u;
  let oc3_0 = oc3_q1;
  let s3_0 = i32(oc3_0) * 2i - 1i;
  let s3_1 = i32(oc3_1) * 1i - 0i;
  let xb3 = n3 * 252u + g * 126u;
  let wb0 = (g * 3u + min(m0 + 0u, 2u)) * 12u;
  var acc0_0 = 0.0;
  var acc0_1 = 0.0;
  var acc0_2 = 0.0;
  var acc0_3 = 0.0;
  let wb1 = (g * 3u + min(m0 + 1u, 2u)) * 12u;
  var acc1_0 = 0.0;
  var acc1_1 = 0.0;
  var acc1_2 = 0.0;
  var acc1_3 = 0.0;
  for (var q = 0u; q < 12u; q = q + 1u) {
    let ci = q / 6u;
    let k1 = q % 6u % 2u;
    let kq1 = q % 6u / 2u;
    let k0 = kq1;
    let cb = ci * 63u;
    let y0_0 = s0_0 + i32(k0) * 1i;
    let y0_1 = s0_1 + i32(k1) * 2i;
    var x0 = 0.0;
    if (y0_0 >= 0i && y0_0 < 9i && y0_1 >= 0i && y0_1 < 7i) { x0 = x[xb0 + cb + u32(y0_0) * 7u + u32(y0_1) * 1u]; }
    let y1_0 = s1_0 + i32(k0) * 1i;
    let y1_1 = s1_1 + i32(k1) * 2i;
    var x1 = 0.0;
    if (y1_0 >= 0i && y1_0 < 9i && y1_1 >= 0i && y1_1 < 7i) { x1 = x[xb1 + cb + u32(y1_0) * 7u + u32(y1_1) * 1u]; }
    let y2_0 = s2_0 + i32(k0) * 1i;
    let y2_1 = s2_1 + i32(k1) * 2i;
    var x2 = 0.0;
    if (y2_0 >= 0i && y2_0 < 9i && y2_1 >= 0i && y2_1 < 7i) { x2 = x[xb2 + cb + u32(y2_0) * 7u + u32(y2_1) * 1u]; }
    let y3_0 = s3_0 + i32(k0) * 1i;
    let y3_1 = s3_1 + i32(k1) * 2i;
    var x3 = 0.0;
    if (y3_0 >= 0i && y3_0 < 9i && y3_1 >= 0i && y3_1 < 7i) { x3 = x[xb3 + cb + u32(y3_0) * 7u + u32(y3_1) * 1u]; }
    let w0 = w[wb0 + q];
    acc0_0 = fma(w0, x0, acc0_0);
    acc0_1 = fma(w0, x1, acc0_1);
    acc0_2 = fma(w0, x2, acc0_2);
    acc0_3 = fma(w0, x3, acc0_3);
    let w1 = w[wb1 + q];
    acc1_0 = fma(w1, x0, acc1_0);
    acc1_1 = fma(w1, x1, acc1_1);
    acc1_2 = fma(w1, x2, acc1_2);
    acc1_3 = fma(w1, x3, acc1_3);
  }
  if (m0 + 0u < 3u) {
    let m = g * 3u + m0 + 0u;
    let bv = bias[m];
    if (p0 + 0u < 50u) {
      y[n0 * 150u + m * 25u + o0] = acc0_0 + bv;
    }
    if (p0 + 1u < 50u) {
      y[n1 * 150u + m * 25u + o1] = acc0_1 + bv;
    }
    if (p0 + 2u < 50u) {
      y[n2 * 150u + m * 25u + o2] = acc0_2 + bv;
    }
    if (p0 + 3u < 50u) {
      y[n3 * 150u + m * 25u + o3] = acc0_3 + bv;
    }
  }
  if (m0 + 1u < 3u) {
    let m = g * 3u + m0 + 1u;
    let bv = bias[m];
    if (p0 + 0u < 50u) {
      y[n0 * 150u + m * 25u + o0] = acc1_0 + bv;
    }
    if (p0 + 1u < 50u) {
      y[n1 * 150u + m * 25u + o1] = acc1_1 + bv;
    }
    if (p0 + 2u < 50u) {
      y[n2 * 150u + m * 25u + o2] = acc1_2 + bv;
    }
    if (p0 + 3u < 50u) {
      y[n3 * 150u + m * 25u + o3] = acc1_3 + bv;
    }
  }
}
