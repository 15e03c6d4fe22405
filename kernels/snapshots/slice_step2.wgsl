// elementwise Slice: out (4,4) f32 = in0
// in0 (4,10) f32, read at 31 + coords . (-10,2)
@group(0) @binding(0) var<storage, read> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
const ITEMS: u32 = 16u;

fn item(i: u32) {
  let e = i;
  let c1 = e % 4u;
  let cq1 = e / 4u;
  let c0 = cq1;
  let x0 = in0[u32(i32(c0) * (-10i) + i32(c1) * 2i + 31i)];
  out[e] = x0;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  if (base < ITEMS) {
    item(base);
  }
}
