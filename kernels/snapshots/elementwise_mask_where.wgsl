// elementwise Where: out (2,12,128,128) f32 = where(in0, in1, in2)
// in0 (1,1,128,128) bool, read at 0 + coords . (0,0,128,1)
// in1 (2,12,128,128) f32, read at 0 + coords . (196608,16384,128,1)
// in2 () f32, read at 0 + coords . (0,0,0,0)
@group(0) @binding(0) var<storage, read> in0: array<vec4<u32>>;
@group(0) @binding(1) var<storage, read> in1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> in2: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<vec4<f32>>;
const ITEMS: u32 = 98304u;

fn item(i: u32) {
  let e = i * 4u;
  let c3 = e % 128u;
  let cq3 = e / 128u;
  let c2 = cq3 % 128u;
  let cq2 = cq3 / 128u;
  let c1 = cq2 % 12u;
  let cq1 = cq2 / 12u;
  let c0 = cq1;
  let x0 = (in0[(c2 * 128u + c3) / 4u] != vec4<u32>(0u));
  let x1 = in1[i];
  let o2 = 0u;
  let x2 = vec4<f32>(in2[o2]);
  let t0 = select(x2, x1, x0);
  out[i] = t0;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let base = wid.x * 64u + lid;
  item(base);
}
