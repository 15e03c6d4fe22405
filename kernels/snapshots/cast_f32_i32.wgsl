// elementwise Cast: out (3,8) i32 = cast<i32>(in0)
// in0 (3,8) f32, read at 0 + coords . (8,1)
@group(0) @binding(0) var<storage, read> in0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> out: array<vec4<i32>>;
const ITEMS: u32 = 6u;

fn item(i: u32) {
  let e = i * 4u;
  let x0 = in0[i];
  let t0 = vec4<i32>(x0);
  out[i] = t0;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  if (base < ITEMS) {
    item(base);
  }
}
