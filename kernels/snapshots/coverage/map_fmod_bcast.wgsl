// map fmod: out (4,3,5) f32
// in0 (3,1) f32, read at 0 + coords . (0,1,0)
// in1 (4,1,1) f32, read at 0 + coords . (1,0,0)
@group(0) @binding(0) var<storage, read> in0: array<f32>;
@group(0) @binding(1) var<storage, read> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
const ITEMS: u32 = 60u;
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
  let c2 = e % 5u;
  let cq2 = e / 5u;
  let c1 = cq2 % 3u;
  let cq1 = cq2 / 3u;
  let c0 = cq1;
  let x0 = in0[c1];
  let x1 = in1[c0];
  out[e] = nn_fmod(x0, x1);
}

@compute @workgroup_size(128)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 256u + lid;
  if (base < ITEMS) {
    item(base);
  }
  if (base + 128u < ITEMS) {
    item(base + 128u);
  }
}
