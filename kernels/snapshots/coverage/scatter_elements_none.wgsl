// scatter elements reduction none: out (3,6) f32 <- updates at indices (3,9), axis 1
@group(0) @binding(0) var<storage, read> indices: array<i32>;
@group(0) @binding(1) var<storage, read> updates: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
const ITEMS: u32 = 27u;

fn item(e: u32) {
  let c1 = e % 9u;
  let cq1 = e / 9u;
  let c0 = cq1;
  let u = c0 * 9u + c1;
  let t = u32(clamp(select(indices[u], indices[u] + 6i, indices[u] < 0i), 0i, 5i));
  out[c0 * 6u + t] = updates[u];
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  if (base < ITEMS) {
    item(base);
  }
}
