// map wrap_int (bits 8.0, signed 1.0): out (3,41) i32
// in0 (3,41) f32, read at 0 + coords . (41,1)
@group(0) @binding(0) var<storage, read> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<i32>;
const ITEMS: u32 = 123u;
var<private> nn_special: vec3<u32> = vec3<u32>(0x7f800000u, 0xff800000u, 0x7fc00000u);

fn nn_is_nan(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u;
}
fn nn_is_finite(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7fffffffu) < 0x7f800000u;
}
fn nn_fmod(x: f32, y: f32) -> f32 {
  if (!nn_is_finite(x) || nn_is_nan(y) || y == 0.0) { return bitcast<f32>(nn_special.z); }
  if (!nn_is_finite(y)) { return x; }
  let ay = abs(y);
  var r = abs(x);
  for (var i = 0; i < 300; i = i + 1) {
    if (!(r >= ay)) { break; }
    var d = ldexp(ay, frexp(r).exp - frexp(ay).exp);
    if (d > r) { d = d * 0.5; }
    r = r - d;
  }
  return select(r, -r, (bitcast<u32>(x) & 0x80000000u) != 0u);
}

fn item(e: u32) {
  let c1 = e % 41u;
  let cq1 = e / 41u;
  let c0 = cq1;
  let x0 = in0[e];
  out[e] = select(select(select(select(0i, 255i, x0 > 0.0), i32(select(nn_fmod(trunc(x0), 256.0f), nn_fmod(trunc(x0), 256.0f) + 256.0f, nn_fmod(trunc(x0), 256.0f) < 0.0)), abs(x0) < 9.223372036854775808e18), 0i, nn_is_nan(x0)), select(select(select(0i, 255i, x0 > 0.0), i32(select(nn_fmod(trunc(x0), 256.0f), nn_fmod(trunc(x0), 256.0f) + 256.0f, nn_fmod(trunc(x0), 256.0f) < 0.0)), abs(x0) < 9.223372036854775808e18), 0i, nn_is_nan(x0)) - 256i, select(select(select(0i, 255i, x0 > 0.0), i32(select(nn_fmod(trunc(x0), 256.0f), nn_fmod(trunc(x0), 256.0f) + 256.0f, nn_fmod(trunc(x0), 256.0f) < 0.0)), abs(x0) < 9.223372036854775808e18), 0i, nn_is_nan(x0)) >= 128i);
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  if (base < ITEMS) {
    item(base);
  }
}
