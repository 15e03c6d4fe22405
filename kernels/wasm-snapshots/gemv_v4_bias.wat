(module
  (type (;0;) (func (param i32 i32 i32 i32 i32 i32)))
  (import "env" "memory" (memory (;0;) 1 65536 shared))
  (func $gemv (type 0) (param $x i32) (param $b i32) (param $bias i32) (param $y i32) (param $col_start i32) (param $col_end i32)
    (local $j i32) (local $i i32) (local $xp i32) (local $bp i32) (local $x_splat v128) (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128)
    local.get $col_start
    local.set $j
    block  ;; label = @1
      loop  ;; label = @2
        local.get $j
        i32.const 16
        i32.add
        local.get $col_end
        i32.gt_s
        br_if 1 (;@1;)
        v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
        local.tee $acc0
        local.tee $acc1
        local.tee $acc2
        local.set $acc3
        local.get $x
        local.set $xp
        local.get $b
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        local.set $bp
        i32.const 0
        local.set $i
        block  ;; label = @3
          loop  ;; label = @4
            local.get $i
            i32.const 1
            i32.add
            i32.const 384
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
            v128.load offset=32 align=4
            f32x4.mul
            f32x4.add
            local.set $acc2
            local.get $acc3
            local.get $x_splat
            local.get $bp
            v128.load offset=48 align=4
            f32x4.mul
            f32x4.add
            local.set $acc3
            local.get $xp
            i32.const 4
            i32.add
            local.set $xp
            local.get $bp
            i32.const 6144
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
        local.get $j
        i32.const 16
        i32.add
        local.set $j
        br 0 (;@2;)
      end
    end
    block  ;; label = @1
      loop  ;; label = @2
        local.get $j
        i32.const 4
        i32.add
        local.get $col_end
        i32.gt_s
        br_if 1 (;@1;)
        v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
        local.set $acc0
        local.get $x
        local.set $xp
        local.get $b
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        local.set $bp
        i32.const 0
        local.set $i
        block  ;; label = @3
          loop  ;; label = @4
            local.get $i
            i32.const 1
            i32.add
            i32.const 384
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
            local.get $xp
            i32.const 4
            i32.add
            local.set $xp
            local.get $bp
            i32.const 6144
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
        local.get $j
        i32.const 4
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
        local.set $acc0
        local.get $x
        local.set $xp
        local.get $b
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        local.set $bp
        i32.const 0
        local.set $i
        block  ;; label = @3
          loop  ;; label = @4
            local.get $i
            i32.const 1
            i32.add
            i32.const 384
            i32.gt_s
            br_if 1 (;@3;)
            local.get $xp
            v128.load32_splat
            local.set $x_splat
            local.get $acc0
            local.get $x_splat
            local.get $bp
            v128.load32_zero
            f32x4.mul
            f32x4.add
            local.set $acc0
            local.get $xp
            i32.const 4
            i32.add
            local.set $xp
            local.get $bp
            i32.const 6144
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
        v128.load32_zero
        f32x4.add
        f32x4.extract_lane 0
        f32.store
        local.get $j
        i32.const 1
        i32.add
        local.set $j
        br 0 (;@2;)
      end
    end)
  (export "main" (func $gemv)))
