// trilu lower k=2: x (2,5,7) f32 -> out, same shape
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
const ITEMS: u32 = 70u;

fn item(e: u32) {
  let j = i32(e % 7u);
  let i = i32((e / 7u) % 5u);
  out[e] = select(0.0, x[e], j - i <= 2i);
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  if (base < ITEMS) {
    item(base);
  }
}
