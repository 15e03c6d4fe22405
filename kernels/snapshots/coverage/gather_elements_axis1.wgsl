// gather_elements: data (3,5,4) f32, indices (3,7,4) i32, axis 1 -> out (3,7,4)
@group(0) @binding(0) var<storage, read> data: array<f32>;
@group(0) @binding(1) var<storage, read> indices: array<i32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
const ITEMS: u32 = 84u;

fn item(e: u32) {
  let c2 = e % 4u;
  let cq2 = e / 4u;
  let c1 = cq2 % 7u;
  let cq1 = cq2 / 7u;
  let c0 = cq1;
  let raw = indices[e];
  let idx = u32(clamp(select(raw, raw + 5i, raw < 0i), 0i, 4i));
  out[e] = data[c0 * 20u + idx * 4u + c2];
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  if (base < ITEMS) {
    item(base);
  }
}
