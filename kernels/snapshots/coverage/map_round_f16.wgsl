// map round_f16: out (3,41) f32
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
fn nn_round_f16(x: f32) -> f32 {
  if (nn_is_nan(x)) { return x; }
  let a = abs(x);
  var r = bitcast<f32>(nn_special.x);
  if (a < 65520.0) {
    let e = max(frexp(a).exp - 1, -14);
    r = ldexp(round(ldexp(a, 10 - e)), e - 10);
  }
  return select(r, -r, x < 0.0);
}

fn item(e: u32) {
  let c1 = e % 41u;
  let cq1 = e / 41u;
  let c0 = cq1;
  let x0 = in0[e];
  out[e] = nn_round_f16(x0);
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  if (base < ITEMS) {
    item(base);
  }
}
