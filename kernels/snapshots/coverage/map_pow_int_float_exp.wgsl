// map pow_int_float_exp: out (3,41) i32
// in0 (3,41) i32, read at 0 + coords . (41,1)
// in1 (3,41) f32, read at 0 + coords . (41,1)
@group(0) @binding(0) var<storage, read> in0: array<i32>;
@group(0) @binding(1) var<storage, read> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<i32>;
const ITEMS: u32 = 123u;

fn nn_ipow(base: i32, exponent: i32) -> i32 {
  if (exponent < 0i) {
    if (base == 1i) { return 1i; }
    if (base == -1i) { return select(-1i, 1i, (exponent & 1i) == 0i); }
    return 0i;
  }
  var r = 1i;
  var p = base;
  var e = exponent;
  loop {
    if (e == 0i) { break; }
    if ((e & 1i) != 0i) { r = r * p; }
    p = p * p;
    e = e >> 1u;
  }
  return r;
}

fn item(e: u32) {
  let c1 = e % 41u;
  let cq1 = e / 41u;
  let c0 = cq1;
  let x0 = in0[e];
  let x1 = in1[e];
  out[e] = select(select(0i, i32(pow(f32(max(x0, 0i)), x1)), x0 >= 0i && pow(f32(max(x0, 0i)), x1) < 2147483648.0), nn_ipow(x0, i32(x1)), x1 == floor(x1) && abs(x1) < 2147483648.0);
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  if (base < ITEMS) {
    item(base);
  }
}
