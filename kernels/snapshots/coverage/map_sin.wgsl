// map sin: out (3,41) f32
// in0 (3,41) f32, read at 0 + coords . (41,1)
@group(0) @binding(0) var<storage, read> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
const ITEMS: u32 = 123u;

fn nn_sincos(x: f32) -> vec2<f32> {
  let j = round(x * 0.63661977236758134);
  let r = ((x - j * 1.5703125) - j * 4.837512969970703125e-4) - j * 7.549789954891882e-8;
  let z = r * r;
  let s = r + r * z * (-1.6666654611e-1 + z * (8.3321608736e-3 + z * -1.9515295891e-4));
  let c = 1.0 - 0.5 * z + z * z * (4.166664568298827e-2 + z * (-1.388731625493765e-3 + z * 2.443315711809948e-5));
  let q = j - 4.0 * floor(j * 0.25);
  if (q == 0.0) { return vec2<f32>(s, c); }
  if (q == 1.0) { return vec2<f32>(c, -s); }
  if (q == 2.0) { return vec2<f32>(-s, -c); }
  return vec2<f32>(-c, s);
}
fn nn_sin(x: f32) -> f32 {
  return nn_sincos(x).x;
}

fn item(e: u32) {
  let c1 = e % 41u;
  let cq1 = e / 41u;
  let c0 = cq1;
  let x0 = in0[e];
  out[e] = nn_sin(x0);
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  if (base < ITEMS) {
    item(base);
  }
}
