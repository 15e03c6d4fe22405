// averagepool: x (1,3,(7,6)) f32, kernel (3,3) strides (1,1) dilations (1,1) pads (1,2)/(1,0) -> y (1,3,(7,6))
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
const ITEMS: u32 = 126u;

fn item(e: u32) {
  let plane = e / 42u;
  let o1 = e % 42u % 6u;
  let oq1 = e % 42u / 6u;
  let o0 = oq1;
  let base = plane * 42u;
  let start0 = i32(o0) * 1i - 1i;
  let start1 = i32(o1) * 1i - 2i;
  var acc = 0.0;
  var count = 0u;
  for (var k = 0u; k < 9u; k = k + 1u) {
    let k1 = k % 3u;
    let kq1 = k / 3u;
    let k0 = kq1;
    let q0 = start0 + i32(k0) * 1i;
    let q1 = start1 + i32(k1) * 1i;
    if (q0 >= 0i && q0 < 7i && q1 >= 0i && q1 < 6i) {
      let f = u32(q0) * 6u + u32(q1) * 1u;
      let v = x[base + f];
      acc = acc + v;
      count = count + 1u;
    }
  }
  var n0 = 0i;
  for (var j = 0i; j < 3i; j = j + 1i) {
    let q = start0 + j * 1i;
    if (q >= (-1i) && q < 8i) { n0 = n0 + 1i; }
  }
  var n1 = 0i;
  for (var j = 0i; j < 3i; j = j + 1i) {
    let q = start1 + j * 1i;
    if (q >= (-2i) && q < 6i) { n1 = n1 + 1i; }
  }
  y[e] = acc / (f32(n0) * f32(n1));
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  if (base < ITEMS) {
    item(base);
  }
}
