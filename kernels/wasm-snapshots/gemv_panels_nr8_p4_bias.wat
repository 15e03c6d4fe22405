(module
  (type (;0;) (func (param i32 i32 i32 i32 i32 i32)))
  (import "env" "memory" (memory (;0;) 1 65536 shared))
  (func $gemv_panels (type 0) (param $x i32) (param $b i32) (param $bias i32) (param $y i32) (param $col_start i32) (param $col_end i32)
    (local $j i32) (local $i i32) (local $xp i32) (local $bp i32) (local $x_splat v128) (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128) (local $acc4 v128) (local $acc5 v128) (local $acc6 v128) (local $acc7 v128)
    local.get $col_start
    local.set $j
    block  ;; label = @1
      loop  ;; label = @2
        local.get $j
        i32.const 32
        i32.add
        local.get $col_end
        i32.gt_s
        br_if 1 (;@1;)
        v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
        local.tee $acc0
        local.tee $acc1
        local.tee $acc2
        local.tee $acc3
        local.tee $acc4
        local.tee $acc5
        local.tee $acc6
        local.set $acc7
        local.get $x
        local.set $xp
        local.get $b
        local.get $j
        i32.const 256
        i32.mul
        i32.add
        local.set $bp
        i32.const 0
        local.set $i
        block  ;; label = @3
          loop  ;; label = @4
            local.get $i
            i32.const 1
            i32.add
            i32.const 64
            i32.gt_s
            br_if 1 (;@3;)
            local.get $xp
            v128.load32_splat
            local.set $x_splat
            local.get $acc0
            local.get $x_splat
            local.get $bp
            v128.load align=4
            f32x4.mul
            f32x4.add
            local.set $acc0
            local.get $acc1
            local.get $x_splat
            local.get $bp
            v128.load offset=16 align=4
            f32x4.mul
            f32x4.add
            local.set $acc1
            local.get $acc2
            local.get $x_splat
            local.get $bp
            v128.load offset=2048 align=4
            f32x4.mul
            f32x4.add
            local.set $acc2
            local.get $acc3
            local.get $x_splat
            local.get $bp
            v128.load offset=2064 align=4
            f32x4.mul
            f32x4.add
            local.set $acc3
            local.get $acc4
            local.get $x_splat
            local.get $bp
            v128.load offset=4096 align=4
            f32x4.mul
            f32x4.add
            local.set $acc4
            local.get $acc5
            local.get $x_splat
            local.get $bp
            v128.load offset=4112 align=4
            f32x4.mul
            f32x4.add
            local.set $acc5
            local.get $acc6
            local.get $x_splat
            local.get $bp
            v128.load offset=6144 align=4
            f32x4.mul
            f32x4.add
            local.set $acc6
            local.get $acc7
            local.get $x_splat
            local.get $bp
            v128.load offset=6160 align=4
            f32x4.mul
            f32x4.add
            local.set $acc7
            local.get $xp
            i32.const 4
            i32.add
            local.set $xp
            local.get $bp
            i32.const 32
            i32.add
            local.set $bp
            local.get $i
            i32.const 1
            i32.add
            local.set $i
            br 0 (;@4;)
          end
        end
        local.get $y
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        local.get $acc0
        local.get $bias
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        v128.load align=4
        f32x4.add
        v128.store align=4
        local.get $y
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        local.get $acc1
        local.get $bias
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        v128.load offset=16 align=4
        f32x4.add
        v128.store offset=16 align=4
        local.get $y
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        local.get $acc2
        local.get $bias
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        v128.load offset=32 align=4
        f32x4.add
        v128.store offset=32 align=4
        local.get $y
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        local.get $acc3
        local.get $bias
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        v128.load offset=48 align=4
        f32x4.add
        v128.store offset=48 align=4
        local.get $y
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        local.get $acc4
        local.get $bias
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        v128.load offset=64 align=4
        f32x4.add
        v128.store offset=64 align=4
        local.get $y
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        local.get $acc5
        local.get $bias
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        v128.load offset=80 align=4
        f32x4.add
        v128.store offset=80 align=4
        local.get $y
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        local.get $acc6
        local.get $bias
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        v128.load offset=96 align=4
        f32x4.add
        v128.store offset=96 align=4
        local.get $y
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        local.get $acc7
        local.get $bias
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        v128.load offset=112 align=4
        f32x4.add
        v128.store offset=112 align=4
        local.get $j
        i32.const 32
        i32.add
        local.set $j
        br 0 (;@2;)
      end
    end
    block  ;; label = @1
      loop  ;; label = @2
        local.get $j
        i32.const 8
        i32.add
        local.get $col_end
        i32.gt_s
        br_if 1 (;@1;)
        v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
        local.tee $acc0
        local.set $acc1
        local.get $x
        local.set $xp
        local.get $b
        local.get $j
        i32.const 256
        i32.mul
        i32.add
        local.set $bp
        i32.const 0
        local.set $i
        block  ;; label = @3
          loop  ;; label = @4
            local.get $i
            i32.const 1
            i32.add
            i32.const 64
            i32.gt_s
            br_if 1 (;@3;)
            local.get $xp
            v128.load32_splat
            local.set $x_splat
            local.get $acc0
            local.get $x_splat
            local.get $bp
            v128.load align=4
            f32x4.mul
            f32x4.add
            local.set $acc0
            local.get $acc1
            local.get $x_splat
            local.get $bp
            v128.load offset=16 align=4
            f32x4.mul
            f32x4.add
            local.set $acc1
            local.get $xp
            i32.const 4
            i32.add
            local.set $xp
            local.get $bp
            i32.const 32
            i32.add
            local.set $bp
            local.get $i
            i32.const 1
            i32.add
            local.set $i
            br 0 (;@4;)
          end
        end
        local.get $y
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        local.get $acc0
        local.get $bias
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        v128.load align=4
        f32x4.add
        v128.store align=4
        local.get $y
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        local.get $acc1
        local.get $bias
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        v128.load offset=16 align=4
        f32x4.add
        v128.store offset=16 align=4
        local.get $j
        i32.const 8
        i32.add
        local.set $j
        br 0 (;@2;)
      end
    end
    block  ;; label = @1
      loop  ;; label = @2
        local.get $j
        i32.const 1
        i32.add
        local.get $col_end
        i32.gt_s
        br_if 1 (;@1;)
        v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
        local.tee $acc0
        local.set $acc1
        local.get $x
        local.set $xp
        local.get $b
        local.get $j
        i32.const 256
        i32.mul
        i32.add
        local.set $bp
        i32.const 0
        local.set $i
        block  ;; label = @3
          loop  ;; label = @4
            local.get $i
            i32.const 1
            i32.add
            i32.const 64
            i32.gt_s
            br_if 1 (;@3;)
            local.get $xp
            v128.load32_splat
            local.set $x_splat
            local.get $acc0
            local.get $x_splat
            local.get $bp
            v128.load align=4
            f32x4.mul
            f32x4.add
            local.set $acc0
            local.get $acc1
            local.get $x_splat
            local.get $bp
            v128.load offset=16 align=4
            f32x4.mul
            f32x4.add
            local.set $acc1
            local.get $xp
            i32.const 4
            i32.add
            local.set $xp
            local.get $bp
            i32.const 32
            i32.add
            local.set $bp
            local.get $i
            i32.const 1
            i32.add
            local.set $i
            br 0 (;@4;)
          end
        end
        local.get $y
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        local.get $acc0
        local.get $bias
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        v128.load align=4
        f32x4.add
        v128.store align=4
        local.get $y
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        local.get $acc1
        f32x4.extract_lane 0
        local.get $bias
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        f32.load offset=16
        f32.add
        f32x4.splat
        f32x4.extract_lane 0
        f32.store offset=16
        local.get $y
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        local.get $acc1
        f32x4.extract_lane 1
        local.get $bias
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        f32.load offset=20
        f32.add
        f32x4.splat
        f32x4.extract_lane 0
        f32.store offset=20
        local.get $j
        i32.const 8
        i32.add
        local.set $j
        br 0 (;@2;)
      end
    end)
  (export "main" (func $gemv_panels)))
