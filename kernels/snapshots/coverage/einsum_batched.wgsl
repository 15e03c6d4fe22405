// einsum: inputs (2,3,4), (2,4,5) f32; loop labels (2,3,5,4), the first 3 are the output's, the rest summed
@group(0) @binding(0) var<storage, read> in0: array<f32>;
@group(0) @binding(1) var<storage, read> in1: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
const ITEMS: u32 = 30u;

fn item(e: u32) {
  let o2 = e % 5u;
  let oq2 = e / 5u;
  let o1 = oq2 % 3u;
  let oq1 = oq2 / 3u;
  let o0 = oq1;
  let b0 = o0 * 12u + o1 * 4u;
  let b1 = o0 * 20u + o2;
  var acc = 0.0;
  for (var s = 0u; s < 4u; s = s + 1u) {
    let k0 = s;
    acc = acc + in0[b0 + k0] * in1[b1 + k0 * 5u];
  }
  out[e] = acc;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  if (base < ITEMS) {
    item(base);
  }
}
