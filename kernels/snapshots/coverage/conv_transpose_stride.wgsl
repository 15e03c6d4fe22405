// conv_transpose: x (2,3,(4,5)) * w (3,2,(3,3)) + bias, group 1, strides (3,2), dilations (1,1), pads begin (1,0) -> y (2,2,(10,10))
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> w: array<f32>;
@group(0) @binding(2) var<storage, read> bias: array<f32>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;
const ITEMS: u32 = 400u;

fn item(e: u32) {
  let o = e % 100u;
  let m = (e / 100u) % 2u;
  let n = e / 200u;
  let g = m / 2u;
  let mm = m % 2u;
  let oc1 = o % 10u;
  let ocq1 = o / 10u;
  let oc0 = ocq1;
  let t0 = i32(oc0) + 1i;
  let t1 = i32(oc1) + 0i;
  var acc = bias[m];
  for (var k = 0u; k < 9u; k = k + 1u) {
    let kc1 = k % 3u;
    let kcq1 = k / 3u;
    let kc0 = kcq1;
    let q0 = t0 - i32(kc0) * 1i;
    let i0 = q0 / 3i;
    let q1 = t1 - i32(kc1) * 1i;
    let i1 = q1 / 2i;
    if (q0 >= 0i && q0 % 3i == 0i && i0 < 4i && q1 >= 0i && q1 % 2i == 0i && i1 < 5i) {
      let xi = n * 60u + g * 60u + u32(i0) * 5u + u32(i1) * 1u;
      let wi = (g * 3u) * 18u + mm * 9u + k;
      for (var c = 0u; c < 3u; c = c + 1u) {
        acc = fma(x[xi + c * 20u], w[wi + c * 18u], acc);
      }
    }
  }
  y[e] = acc;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  if (base < ITEMS) {
    item(base);
  }
}
