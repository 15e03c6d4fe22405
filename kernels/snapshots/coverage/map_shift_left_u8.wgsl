// map shift_left (bits 8.0): out (3,41) i32
// in0 (3,41) i32, read at 0 + coords . (41,1)
// in1 (3,41) i32, read at 0 + coords . (41,1)
@group(0) @binding(0) var<storage, read> in0: array<i32>;
@group(0) @binding(1) var<storage, read> in1: array<i32>;
@group(0) @binding(2) var<storage, read_write> out: array<i32>;
const ITEMS: u32 = 123u;

fn item(e: u32) {
  let c1 = e % 41u;
  let cq1 = e / 41u;
  let c0 = cq1;
  let x0 = in0[e];
  let x1 = in1[e];
  out[e] = select(0i, bitcast<i32>((bitcast<u32>(x0) << u32(x1)) & 255u), x1 < 8i);
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  if (base < ITEMS) {
    item(base);
  }
}
