// elementwise Transpose: out (2,12,128,64) f32 = in0
// in0 (2,128,12,64) f32, read at 0 + coords . (98304,64,768,1)
@group(0) @binding(0) var<storage, read> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
const ITEMS: u32 = 196608u;

fn item(i: u32) {
  let e = i;
  let c3 = e % 64u;
  let cq3 = e / 64u;
  let c2 = cq3 % 128u;
  let cq2 = cq3 / 128u;
  let c1 = cq2 % 12u;
  let cq1 = cq2 / 12u;
  let c0 = cq1;
  let x0 = in0[c0 * 98304u + c1 * 64u + c2 * 768u + c3];
  out[e] = x0;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  item(base);
}
