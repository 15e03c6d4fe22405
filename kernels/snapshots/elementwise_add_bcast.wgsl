// elementwise Add: out (2,128,384) f32 = add(in0, in1)
// in0 (2,128,384) f32, read at 0 + coords . (49152,384,1)
// in1 (384) f32, read at 0 + coords . (0,0,1)
@group(0) @binding(0) var<storage, read> in0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> in1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> out: array<vec4<f32>>;
const ITEMS: u32 = 24576u;

fn item(i: u32) {
  let e = i * 4u;
  let c2 = e % 384u;
  let cq2 = e / 384u;
  let c1 = cq2 % 128u;
  let cq1 = cq2 / 128u;
  let c0 = cq1;
  let x0 = in0[i];
  let x1 = in1[(c2) / 4u];
  let t0 = (x0 + x1);
  out[i] = t0;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  item(base);
}
