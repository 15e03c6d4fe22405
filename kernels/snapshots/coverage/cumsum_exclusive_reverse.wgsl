// cumsum exclusive reverse: x (4,33,3) f32 along axis 1 -> out, same shape
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
const ITEMS: u32 = 12u;

fn item(e: u32) {
  let base = (e / 3u) * 99u + e % 3u;
  var acc = 0.0;
  for (var t = 0u; t < 33u; t = t + 1u) {
    let q = base + (32u - t) * 3u;
    out[q] = acc;
    acc = acc + x[q];
  }
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  if (base < ITEMS) {
    item(base);
  }
}
