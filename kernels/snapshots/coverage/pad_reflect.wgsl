// pad reflect: x (4,5) f32, begin (3,-1) -> out (10,7)
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
const ITEMS: u32 = 70u;

fn item(e: u32) {
  let c1 = e % 7u;
  let cq1 = e / 7u;
  let c0 = cq1;
  let i0 = i32(c0) - 3i;
  let m0 = abs(i0) % 6i;
  let s0 = u32(select(m0, 6i - m0, m0 >= 4i));
  let i1 = i32(c1) - (-1i);
  let m1 = abs(i1) % 8i;
  let s1 = u32(select(m1, 8i - m1, m1 >= 5i));
  out[e] = x[s0 * 5u + s1 * 1u];
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  if (base < ITEMS) {
    item(base);
  }
}
