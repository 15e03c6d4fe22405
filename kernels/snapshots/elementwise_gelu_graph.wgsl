// elementwise Div+Erf+Add+Mul+Mul: out (7,5) f32 = mul(mul(in0, 0.5), add(1.0, erf(div(in0, 1.4142135))))
// in0 (7,5) f32, read at 0 + coords . (5,1)
@group(0) @binding(0) var<storage, read> in0: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
const ITEMS: u32 = 35u;

fn nn_erf(x: f32) -> f32 {
  let z = abs(x);
  let t = 1.0 / (1.0 + 0.3275911 * z);
  let p = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign(x) * (1.0 - p * exp(-z * z));
}

fn item(i: u32) {
  let e = i;
  let x0 = in0[e];
  let t0 = (x0 * 0.5f);
  let t1 = (x0 / 1.4142135f);
  let t2 = nn_erf(t1);
  let t3 = (1.0f + t2);
  let t4 = (t0 * t3);
  out[e] = t4;
}

@compute @workgroup_size(128)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 256u + lid;
  if (base < ITEMS) {
    item(base);
  }
  if (base + 128u < ITEMS) {
    item(base + 128u);
  }
}
