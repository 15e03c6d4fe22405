// rms_norm: x (7,4096), scale (4096) -> y (7,4096), eps 1.0E-6
// schedule w64_r2: 32 invocations per row, 2 row(s) per workgroup
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> scale: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

var<workgroup> red: array<f32, 64>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let t = lid % 32u;
  let r = lid / 32u;
  let rowIdx = wid.x * 2u + r;
  let row = min(rowIdx, 6u);
  let base = row * 4096u;
  var q = 0.0;
  for (var j = t; j < 4096u; j = j + 32u) {
    let v = x[base + j];
    q = fma(v, v, q);
  }
  red[lid] = q;
  workgroupBarrier();
  if (t < 16u) {
    red[lid] = red[lid] + red[lid + 16u];
  }
  workgroupBarrier();
  if (t < 8u) {
    red[lid] = red[lid] + red[lid + 8u];
  }
  workgroupBarrier();
  if (t < 4u) {
    red[lid] = red[lid] + red[lid + 4u];
  }
  workgroupBarrier();
  if (t < 2u) {
    red[lid] = red[lid] + red[lid + 2u];
  }
  workgroupBarrier();
  if (t < 1u) {
    red[lid] = red[lid] + red[lid + 1u];
  }
  workgroupBarrier();
  let sq = red[r * 32u];
  workgroupBarrier();
  let inv = inverseSqrt(sq / 4096.0f + 1.0e-6f);
  if (rowIdx < 7u) {
    for (var j = t; j < 4096u; j = j + 32u) {
      y[base + j] = (x[base + j]) * inv * scale[j];
    }
  }
}
