// pad constant: x (3,5) i32, begin (1,2) -> out (6,9)
@group(0) @binding(0) var<storage, read> x: array<i32>;
@group(0) @binding(1) var<storage, read> value: array<i32>;
@group(0) @binding(2) var<storage, read_write> out: array<i32>;
const ITEMS: u32 = 54u;

fn item(e: u32) {
  let c1 = e % 9u;
  let cq1 = e / 9u;
  let c0 = cq1;
  let i0 = i32(c0) - 1i;
  let s0 = u32(clamp(i0, 0i, 2i));
  let i1 = i32(c1) - 2i;
  let s1 = u32(clamp(i1, 0i, 4i));
  out[e] = select(value[0], x[s0 * 5u + s1 * 1u], i0 >= 0i && i0 < 3i && i1 >= 0i && i1 < 5i);
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  if (base < ITEMS) {
    item(base);
  }
}
