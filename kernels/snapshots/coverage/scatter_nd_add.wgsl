// scatter nd reduction add: out (4,3,5) f32 <- updates at indices (6,1)
@group(0) @binding(0) var<storage, read> indices: array<i32>;
@group(0) @binding(1) var<storage, read> updates: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
const ITEMS: u32 = 15u;

fn item(e: u32) {
  let s = e;
  for (var g = 0u; g < 6u; g = g + 1u) {
    var off = s;
    off = off + u32(clamp(select(indices[g * 1u + 0u], indices[g * 1u + 0u] + 4i, indices[g * 1u + 0u] < 0i), 0i, 3i)) * 15u;
    out[off] = out[off] + updates[g * 15u + s];
  }
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  if (base < ITEMS) {
    item(base);
  }
}
