// map quantize (lo -128.0, hi 127.0): out (2,3,5) i32
// in0 (2,3,5) f32, read at 0 + coords . (15,5,1)
// in1 (3) f32, read at 0 + coords . (0,1,0)
// in2 (3) i32, read at 0 + coords . (0,1,0)
@group(0) @binding(0) var<storage, read> in0: array<f32>;
@group(0) @binding(1) var<storage, read> in1: array<f32>;
@group(0) @binding(2) var<storage, read> in2: array<i32>;
@group(0) @binding(3) var<storage, read_write> out: array<i32>;
const ITEMS: u32 = 30u;

fn item(e: u32) {
  let c2 = e % 5u;
  let cq2 = e / 5u;
  let c1 = cq2 % 3u;
  let cq1 = cq2 / 3u;
  let c0 = cq1;
  let x0 = in0[e];
  let x1 = in1[c1];
  let x2 = in2[c1];
  out[e] = i32(clamp(round(x0 / x1) + f32(x2), (-128.0f), 127.0f));
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  if (base < ITEMS) {
    item(base);
  }
}
