// map is_inf (detect_positive 1.0, detect_negative 0.0): out (3,41) bool
// in0 (3,41) f32, read at 0 + coords . (41,1)
@group(0) @binding(0) var<storage, read> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;
const ITEMS: u32 = 123u;

fn item(e: u32) {
  let c1 = e % 41u;
  let cq1 = e / 41u;
  let c0 = cq1;
  let x0 = in0[e];
  out[e] = u32((bitcast<u32>(x0) == 0x7f800000u));
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  if (base < ITEMS) {
    item(base);
  }
}
