(module
  (type (;0;) (func (param i32 i32 i32 i32)))
  (import "env" "memory" (memory (;0;) 1 65536 shared))
  (func $elementwise_exp (type 0) (param $x i32) (param $out i32) (param $start i32) (param $end i32)
    (local $i i32) (local $exp_x v128) (local $exp_n v128) (local $exp_p v128)
    local.get $x
    local.get $start
    i32.const 2
    i32.shl
    i32.add
    local.set $x
    local.get $out
    local.get $start
    i32.const 2
    i32.shl
    i32.add
    local.set $out
    local.get $start
    local.set $i
    block  ;; label = @1
      loop  ;; label = @2
        local.get $i
        i32.const 4
        i32.add
        local.get $end
        i32.gt_s
        br_if 1 (;@1;)
        local.get $out
        local.get $x
        v128.load align=4
        v128.const i32x4 0xc2d00000 0xc2d00000 0xc2d00000 0xc2d00000
        f32x4.max
        v128.const i32x4 0x42b20000 0x42b20000 0x42b20000 0x42b20000
        f32x4.min
        local.tee $exp_x
        v128.const i32x4 0x3fb8aa3b 0x3fb8aa3b 0x3fb8aa3b 0x3fb8aa3b
        f32x4.mul
        f32x4.nearest
        local.set $exp_n
        local.get $exp_x
        local.get $exp_n
        v128.const i32x4 0x3f318000 0x3f318000 0x3f318000 0x3f318000
        f32x4.mul
        f32x4.sub
        local.get $exp_n
        v128.const i32x4 0xb95e8083 0xb95e8083 0xb95e8083 0xb95e8083
        f32x4.mul
        f32x4.sub
        local.set $exp_x
        v128.const i32x4 0x39500d01 0x39500d01 0x39500d01 0x39500d01
        local.get $exp_x
        f32x4.mul
        v128.const i32x4 0x3ab60b61 0x3ab60b61 0x3ab60b61 0x3ab60b61
        f32x4.add
        local.get $exp_x
        f32x4.mul
        v128.const i32x4 0x3c088889 0x3c088889 0x3c088889 0x3c088889
        f32x4.add
        local.get $exp_x
        f32x4.mul
        v128.const i32x4 0x3d2aaaab 0x3d2aaaab 0x3d2aaaab 0x3d2aaaab
        f32x4.add
        local.get $exp_x
        f32x4.mul
        v128.const i32x4 0x3e2aaaab 0x3e2aaaab 0x3e2aaaab 0x3e2aaaab
        f32x4.add
        local.get $exp_x
        f32x4.mul
        v128.const i32x4 0x3f000000 0x3f000000 0x3f000000 0x3f000000
        f32x4.add
        local.get $exp_x
        f32x4.mul
        v128.const i32x4 0x3f800000 0x3f800000 0x3f800000 0x3f800000
        f32x4.add
        local.get $exp_x
        f32x4.mul
        v128.const i32x4 0x3f800000 0x3f800000 0x3f800000 0x3f800000
        f32x4.add
        local.set $exp_p
        local.get $exp_n
        i32x4.trunc_sat_f32x4_s
        local.set $exp_n
        local.get $exp_p
        local.get $exp_n
        i32.const 1
        i32x4.shr_s
        local.tee $exp_x
        v128.const i32x4 0x0000007f 0x0000007f 0x0000007f 0x0000007f
        i32x4.add
        i32.const 23
        i32x4.shl
        f32x4.mul
        local.get $exp_n
        local.get $exp_x
        i32x4.sub
        v128.const i32x4 0x0000007f 0x0000007f 0x0000007f 0x0000007f
        i32x4.add
        i32.const 23
        i32x4.shl
        f32x4.mul
        v128.store align=4
        local.get $x
        i32.const 16
        i32.add
        local.set $x
        local.get $out
        i32.const 16
        i32.add
        local.set $out
        local.get $i
        i32.const 4
        i32.add
        local.set $i
        br 0 (;@2;)
      end
    end
    block  ;; label = @1
      loop  ;; label = @2
        local.get $i
        i32.const 1
        i32.add
        local.get $end
        i32.gt_s
        br_if 1 (;@1;)
        local.get $out
        local.get $x
        v128.load32_zero
        v128.const i32x4 0xc2d00000 0xc2d00000 0xc2d00000 0xc2d00000
        f32x4.max
        v128.const i32x4 0x42b20000 0x42b20000 0x42b20000 0x42b20000
        f32x4.min
        local.tee $exp_x
        v128.const i32x4 0x3fb8aa3b 0x3fb8aa3b 0x3fb8aa3b 0x3fb8aa3b
        f32x4.mul
        f32x4.nearest
        local.set $exp_n
        local.get $exp_x
        local.get $exp_n
        v128.const i32x4 0x3f318000 0x3f318000 0x3f318000 0x3f318000
        f32x4.mul
        f32x4.sub
        local.get $exp_n
        v128.const i32x4 0xb95e8083 0xb95e8083 0xb95e8083 0xb95e8083
        f32x4.mul
        f32x4.sub
        local.set $exp_x
        v128.const i32x4 0x39500d01 0x39500d01 0x39500d01 0x39500d01
        local.get $exp_x
        f32x4.mul
        v128.const i32x4 0x3ab60b61 0x3ab60b61 0x3ab60b61 0x3ab60b61
        f32x4.add
        local.get $exp_x
        f32x4.mul
        v128.const i32x4 0x3c088889 0x3c088889 0x3c088889 0x3c088889
        f32x4.add
        local.get $exp_x
        f32x4.mul
        v128.const i32x4 0x3d2aaaab 0x3d2aaaab 0x3d2aaaab 0x3d2aaaab
        f32x4.add
        local.get $exp_x
        f32x4.mul
        v128.const i32x4 0x3e2aaaab 0x3e2aaaab 0x3e2aaaab 0x3e2aaaab
        f32x4.add
        local.get $exp_x
        f32x4.mul
        v128.const i32x4 0x3f000000 0x3f000000 0x3f000000 0x3f000000
        f32x4.add
        local.get $exp_x
        f32x4.mul
        v128.const i32x4 0x3f800000 0x3f800000 0x3f800000 0x3f800000
        f32x4.add
        local.get $exp_x
        f32x4.mul
        v128.const i32x4 0x3f800000 0x3f800000 0x3f800000 0x3f800000
        f32x4.add
        local.set $exp_p
        local.get $exp_n
        i32x4.trunc_sat_f32x4_s
        local.set $exp_n
        local.get $exp_p
        local.get $exp_n
        i32.const 1
        i32x4.shr_s
        local.tee $exp_x
        v128.const i32x4 0x0000007f 0x0000007f 0x0000007f 0x0000007f
        i32x4.add
        i32.const 23
        i32x4.shl
        f32x4.mul
        local.get $exp_n
        local.get $exp_x
        i32x4.sub
        v128.const i32x4 0x0000007f 0x0000007f 0x0000007f 0x0000007f
        i32x4.add
        i32.const 23
        i32x4.shl
        f32x4.mul
        f32x4.extract_lane 0
        f32.store
        local.get $x
        i32.const 4
        i32.add
        local.set $x
        local.get $out
        i32.const 4
        i32.add
        local.set $out
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br 0 (;@2;)
      end
    end)
  (export "main" (func $elementwise_exp)))
