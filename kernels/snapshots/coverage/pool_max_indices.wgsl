// maxpool: x (2,3,(9,8)) f32, kernel (3,2) strides (2,2) dilations (1,2) pads (1,0)/(1,1) -> y (2,3,(5,4))
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
@group(0) @binding(2) var<storage, read_write> indices: array<i32>;
const ITEMS: u32 = 120u;
var<private> nn_special: vec3<u32> = vec3<u32>(0x7f800000u, 0xff800000u, 0x7fc00000u);

fn item(e: u32) {
  let plane = e / 20u;
  let o1 = e % 20u % 4u;
  let oq1 = e % 20u / 4u;
  let o0 = oq1;
  let base = plane * 72u;
  let start0 = i32(o0) * 2i - 1i;
  let start1 = i32(o1) * 2i - 0i;
  var acc: f32 = bitcast<f32>(nn_special.y);
  var arg = -1i;
  for (var k = 0u; k < 6u; k = k + 1u) {
    let k1 = k % 2u;
    let kq1 = k / 2u;
    let k0 = kq1;
    let q0 = start0 + i32(k0) * 1i;
    let q1 = start1 + i32(k1) * 2i;
    if (q0 >= 0i && q0 < 9i && q1 >= 0i && q1 < 8i) {
      let f = u32(q0) * 8u + u32(q1) * 1u;
      let v = x[base + f];
      if (v > acc || arg < 0i) {
        acc = v;
        arg = i32(f);
      }
    }
  }
  y[e] = acc;
  let a1 = u32(arg) % 8u;
  let aq1 = u32(arg) / 8u;
  let a0 = aq1;
  indices[e] = select(-1i, i32(base + a0 + a1 * 9u), arg >= 0i);
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  if (base < ITEMS) {
    item(base);
  }
}
