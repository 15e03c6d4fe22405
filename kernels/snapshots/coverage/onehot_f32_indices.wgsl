// onehot: indices (2,3) f32, depth 4, axis 1 -> out (2,4,3) f32
@group(0) @binding(0) var<storage, read> indices: array<f32>;
@group(0) @binding(1) var<storage, read> vals: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
const ITEMS: u32 = 24u;

fn item(e: u32) {
  let inner = e % 3u;
  let d = i32((e / 3u) % 4u);
  let outer = e / 12u;
  let f = indices[outer * 3u + inner];
  let v = select(-2147483647i, i32(f), abs(f) < 2147483648.0);
  let idx = select(v, v + 4i, v < 0i);
  out[e] = select(vals[0], vals[1], idx == d);
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  if (base < ITEMS) {
    item(base);
  }
}
