// int_matmul: (a - za) ((2),3,5) @ (bm - zb) (5,4) -> out (3,4) i32 per batch (2)
@group(0) @binding(0) var<storage, read> a: array<i32>;
@group(0) @binding(1) var<storage, read> bm: array<i32>;
@group(0) @binding(2) var<storage, read> za: array<i32>;
@group(0) @binding(3) var<storage, read> zb: array<i32>;
@group(0) @binding(4) var<storage, read_write> out: array<i32>;
const ITEMS: u32 = 24u;

fn item(e: u32) {
  let col = e % 4u;
  let row = (e / 4u) % 3u;
  let bi = e / 12u;
  let bc0 = bi;
  let ab = bc0 * 15u + row * 5u;
  let bb = 0u + col;
  let za0 = za[row];
  let zb0 = zb[0];
  var acc = 0i;
  for (var t = 0u; t < 5u; t = t + 1u) {
    acc = acc + (a[ab + t] - za0) * (bm[bb + t * 4u] - zb0);
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
