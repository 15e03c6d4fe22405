// map acosh: out (3,41) f32
// in0 (3,41) f32, read at 0 + coords . (41,1)
@group(0) @binding(0) var<storage, read> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
const ITEMS: u32 = 123u;

fn nn_log1p(x: f32) -> f32 {
  if (x > -0.25 && x < 0.5) {
    let s = x / (2.0 + x);
    let z = s * s;
    return 2.0 * s * (1.0 + z * (0.3333333333333333 + z * (0.2 + z * (0.14285714285714285 + z * (0.1111111111111111 + z * 0.09090909090909091)))));
  }
  return log(1.0 + x);
}
fn nn_acosh(x: f32) -> f32 {
  if (x > 1e8) {
    return log(x) + 0.6931471805599453;
  }
  let t = x - 1.0;
  return nn_log1p(t + sqrt(t * (x + 1.0)));
}

fn item(e: u32) {
  let c1 = e % 41u;
  let cq1 = e / 41u;
  let c0 = cq1;
  let x0 = in0[e];
  out[e] = nn_acosh(x0);
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  if (base < ITEMS) {
    item(base);
  }
}
