// map mish: out (3,41) f32
// in0 (3,41) f32, read at 0 + coords . (41,1)
@group(0) @binding(0) var<storage, read> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
const ITEMS: u32 = 123u;
var<private> nn_special: vec3<u32> = vec3<u32>(0x7f800000u, 0xff800000u, 0x7fc00000u);

fn nn_is_nan(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u;
}
fn nn_is_finite(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7fffffffu) < 0x7f800000u;
}
fn nn_exp(x: f32) -> f32 {
  if (nn_is_nan(x)) { return x; }
  if (x > 88.72284) { return bitcast<f32>(nn_special.x); }
  if (x < -103.97208) { return 0.0; }
  let k = round(x * 1.4426950408889634);
  let r = (x - k * 0.693145751953125) - k * 1.428606765330187e-6;
  let p = 1.0 + r * (1.0 + r * (0.5 + r * (1.6666666666666666e-1 + r * (4.1666666666666664e-2 + r * (8.333333333333333e-3 + r * (1.388888888888889e-3 + r * (1.984126984126984e-4 + r * 2.48015873015873e-5)))))));
  let ki = i32(k);
  let h = ki / 2i;
  return ldexp(ldexp(p, h), ki - h);
}
fn nn_expm1(x: f32) -> f32 {
  if (abs(x) < 0.5) {
    return x * (1.0 + x * (0.5 + x * (1.6666666666666666e-1 + x * (4.1666666666666664e-2 + x * (8.333333333333333e-3 + x * (1.388888888888889e-3 + x * (1.984126984126984e-4 + x * 2.48015873015873e-5)))))));
  }
  return nn_exp(x) - 1.0;
}
fn nn_tanh(x: f32) -> f32 {
  let a = min(abs(x), 10.0);
  let t = nn_expm1(2.0 * a);
  let r = t / (t + 2.0);
  return select(r, -r, x < 0.0);
}
fn nn_log1p(x: f32) -> f32 {
  if (x > -0.25 && x < 0.5) {
    let s = x / (2.0 + x);
    let z = s * s;
    return 2.0 * s * (1.0 + z * (0.3333333333333333 + z * (0.2 + z * (0.14285714285714285 + z * (0.1111111111111111 + z * 0.09090909090909091)))));
  }
  return log(1.0 + x);
}
fn nn_softplus(x: f32) -> f32 {
  if (x > 0.0) { return x + nn_log1p(nn_exp(-x)); }
  return nn_log1p(nn_exp(x));
}

fn item(e: u32) {
  let c1 = e % 41u;
  let cq1 = e / 41u;
  let c0 = cq1;
  let x0 = in0[e];
  out[e] = (x0 * nn_tanh(nn_softplus(x0)));
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  if (base < ITEMS) {
    item(base);
  }
}
