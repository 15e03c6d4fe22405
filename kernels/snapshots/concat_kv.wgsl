// concat: (1,12,7,64), (1,12,1,64) f32 along axis 2 -> out (1,12,8,64)
@group(0) @binding(0) var<storage, read> in0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> in1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> out: array<vec4<f32>>;
const ITEMS: u32 = 1536u;

fn item(i: u32) {
  let pa = i % 128u;
  let outer = i / 128u;
  if (pa < 112u) {
    out[i] = in0[outer * 112u + pa];
  } else {
    out[i] = in1[outer * 16u + pa - 112u];
  }
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  item(base);
}
