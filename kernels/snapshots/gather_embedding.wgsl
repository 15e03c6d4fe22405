// gather: data (30522,384) f32, indices (2,128) i32, axis 0 -> out (2,128,384)
@group(0) @binding(0) var<storage, read> data: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> indices: array<i32>;
@group(0) @binding(2) var<storage, read_write> out: array<vec4<f32>>;
const ITEMS: u32 = 24576u;

fn item(i: u32) {
  let inner = i % 96u;
  let q = i / 96u;
  let pos = q % 256u;
  let outer = q / 256u;
  let raw = indices[pos];
  let idx = u32(clamp(select(raw, raw + 30522i, raw < 0i), 0i, 30521i));
  out[i] = data[(outer * 30522u + idx) * 96u + inner];
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  item(base);
}
