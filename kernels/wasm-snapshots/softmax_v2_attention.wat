(module
  (type (;0;) (func (param i32 i32 i32 i32)))
  (import "env" "memory" (memory (;0;) 1 65536 shared))
  (func $softmax (type 0) (param $x i32) (param $y i32) (param $row_start i32) (param $row_end i32)
    (local $row i32) (local $j i32) (local $xp i32) (local $yp i32) (local $max f32) (local $sum f32) (local $vmax v128) (local $e v128) (local $acc0 v128) (local $acc1 v128) (local $exp_x v128) (local $exp_n v128) (local $exp_p v128)
    local.get $row_start
    local.set $row
    block  ;; label = @1
      loop  ;; label = @2
        local.get $row
        i32.const 1
        i32.add
        local.get $row_end
        i32.gt_s
        br_if 1 (;@1;)
        local.get $x
        local.get $row
        i32.const 512
        i32.mul
        i32.add
        local.set $xp
        local.get $y
        local.get $row
        i32.const 512
        i32.mul
        i32.add
        local.set $yp
        i32.const 0
        local.set $j
        v128.const i32x4 0xff800000 0xff800000 0xff800000 0xff800000
        local.set $acc0
        v128.const i32x4 0xff800000 0xff800000 0xff800000 0xff800000
        local.set $acc1
        block  ;; label = @3
          loop  ;; label = @4
            local.get $j
            i32.const 8
            i32.add
            i32.const 128
            i32.gt_s
            br_if 1 (;@3;)
            local.get $acc0
            local.get $xp
            v128.load align=4
            f32x4.max
            local.set $acc0
            local.get $acc1
            local.get $xp
            v128.load offset=16 align=4
            f32x4.max
            local.set $acc1
            local.get $xp
            i32.const 32
            i32.add
            local.set $xp
            local.get $j
            i32.const 8
            i32.add
            local.set $j
            br 0 (;@4;)
          end
        end
        local.get $acc0
        local.get $acc1
        f32x4.max
        local.set $acc0
        local.get $acc0
        f32x4.extract_lane 0
        local.get $acc0
        f32x4.extract_lane 1
        f32.max
        local.get $acc0
        f32x4.extract_lane 2
        f32.max
        local.get $acc0
        f32x4.extract_lane 3
        f32.max
        local.set $max
        block  ;; label = @3
          loop  ;; label = @4
            local.get $j
            i32.const 1
            i32.add
            i32.const 128
            i32.gt_s
            br_if 1 (;@3;)
            local.get $max
            local.get $xp
            f32.load
            f32.max
            local.set $max
            local.get $xp
            i32.const 4
            i32.add
            local.set $xp
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0 (;@4;)
          end
        end
        local.get $max
        f32x4.splat
        local.set $vmax
        local.get $x
        local.get $row
        i32.const 512
        i32.mul
        i32.add
        local.set $xp
        local.get $y
        local.get $row
        i32.const 512
        i32.mul
        i32.add
        local.set $yp
        i32.const 0
        local.set $j
        v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
        local.set $acc0
        v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
        local.set $acc1
        block  ;; label = @3
          loop  ;; label = @4
            local.get $j
            i32.const 8
            i32.add
            i32.const 128
            i32.gt_s
            br_if 1 (;@3;)
            local.get $xp
            v128.load align=4
            local.get $vmax
            f32x4.sub
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
            local.set $e
            local.get $yp
            local.get $e
            v128.store align=4
            local.get $acc0
            local.get $e
            f32x4.add
            local.set $acc0
            local.get $xp
            v128.load offset=16 align=4
            local.get $vmax
            f32x4.sub
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
            local.set $e
            local.get $yp
            local.get $e
            v128.store offset=16 align=4
            local.get $acc1
            local.get $e
            f32x4.add
            local.set $acc1
            local.get $xp
            i32.const 32
            i32.add
            local.set $xp
            local.get $yp
            i32.const 32
            i32.add
            local.set $yp
            local.get $j
            i32.const 8
            i32.add
            local.set $j
            br 0 (;@4;)
          end
        end
        local.get $acc0
        local.get $acc1
        f32x4.add
        local.set $acc0
        local.get $acc0
        f32x4.extract_lane 0
        local.get $acc0
        f32x4.extract_lane 1
        f32.add
        local.get $acc0
        f32x4.extract_lane 2
        f32.add
        local.get $acc0
        f32x4.extract_lane 3
        f32.add
        local.set $sum
        block  ;; label = @3
          loop  ;; label = @4
            local.get $j
            i32.const 1
            i32.add
            i32.const 128
            i32.gt_s
            br_if 1 (;@3;)
            local.get $xp
            v128.load32_zero
            local.get $vmax
            f32x4.sub
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
            local.set $max
            local.get $yp
            local.get $max
            f32.store
            local.get $sum
            local.get $max
            f32.add
            local.set $sum
            local.get $xp
            i32.const 4
            i32.add
            local.set $xp
            local.get $yp
            i32.const 4
            i32.add
            local.set $yp
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0 (;@4;)
          end
        end
        local.get $x
        local.get $row
        i32.const 512
        i32.mul
        i32.add
        local.set $xp
        local.get $y
        local.get $row
        i32.const 512
        i32.mul
        i32.add
        local.set $yp
        i32.const 0
        local.set $j
        f32.const 0x1p+0 (;=1;)
        local.get $sum
        f32.div
        local.tee $sum
        f32x4.splat
        local.set $e
        block  ;; label = @3
          loop  ;; label = @4
            local.get $j
            i32.const 8
            i32.add
            i32.const 128
            i32.gt_s
            br_if 1 (;@3;)
            local.get $yp
            local.get $yp
            v128.load align=4
            local.get $e
            f32x4.mul
            v128.store align=4
            local.get $yp
            local.get $yp
            v128.load offset=16 align=4
            local.get $e
            f32x4.mul
            v128.store offset=16 align=4
            local.get $yp
            i32.const 32
            i32.add
            local.set $yp
            local.get $j
            i32.const 8
            i32.add
            local.set $j
            br 0 (;@4;)
          end
        end
        block  ;; label = @3
          loop  ;; label = @4
            local.get $j
            i32.const 1
            i32.add
            i32.const 128
            i32.gt_s
            br_if 1 (;@3;)
            local.get $yp
            local.get $yp
            f32.load
            local.get $sum
            f32.mul
            f32.store
            local.get $yp
            i32.const 4
            i32.add
            local.set $yp
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0 (;@4;)
          end
        end
        local.get $row
        i32.const 1
        i32.add
        local.set $row
        br 0 (;@2;)
      end
    end)
  (export "main" (func $softmax)))
