(module
  (type (;0;) (func (param i32 i32 i32 i32 i32 i32)))
  (import "env" "memory" (memory (;0;) 1 65536 shared))
  (func $norm_layer (type 0) (param $x i32) (param $scale i32) (param $bias i32) (param $y i32) (param $row_start i32) (param $row_end i32)
    (local $row i32) (local $j i32) (local $xp i32) (local $yp i32) (local $sp i32) (local $bp i32) (local $mean f32) (local $sum f32) (local $t f32) (local $vmean v128) (local $vrstd v128) (local $e v128) (local $acc0 v128) (local $acc1 v128)
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
        f32.const 0x0p+0 (;=0;)
        local.set $mean
        local.get $x
        local.get $row
        i32.const 1536
        i32.mul
        i32.add
        local.set $xp
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
            i32.const 384
            i32.gt_s
            br_if 1 (;@3;)
            local.get $xp
            v128.load align=4
            local.get $acc0
            f32x4.add
            local.set $acc0
            local.get $xp
            v128.load offset=16 align=4
            local.get $acc1
            f32x4.add
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
            i32.const 384
            i32.gt_s
            br_if 1 (;@3;)
            local.get $sum
            local.get $xp
            f32.load
            f32.add
            local.set $sum
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
        local.get $sum
        f32.const 0x1.8p+8 (;=384;)
        f32.div
        local.set $mean
        local.get $mean
        f32x4.splat
        local.set $vmean
        local.get $x
        local.get $row
        i32.const 1536
        i32.mul
        i32.add
        local.set $xp
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
            i32.const 384
            i32.gt_s
            br_if 1 (;@3;)
            local.get $xp
            v128.load align=4
            local.get $vmean
            f32x4.sub
            local.tee $e
            local.get $e
            f32x4.mul
            local.get $acc0
            f32x4.add
            local.set $acc0
            local.get $xp
            v128.load offset=16 align=4
            local.get $vmean
            f32x4.sub
            local.tee $e
            local.get $e
            f32x4.mul
            local.get $acc1
            f32x4.add
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
            i32.const 384
            i32.gt_s
            br_if 1 (;@3;)
            local.get $sum
            local.get $xp
            f32.load
            local.get $mean
            f32.sub
            local.tee $t
            local.get $t
            f32.mul
            f32.add
            local.set $sum
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
        f32.const 0x1p+0 (;=1;)
        local.get $sum
        f32.const 0x1.8p+8 (;=384;)
        f32.div
        f32.const 0x1.197998p-40 (;=1e-12;)
        f32.add
        f32.sqrt
        f32.div
        local.tee $sum
        f32x4.splat
        local.set $vrstd
        local.get $x
        local.get $row
        i32.const 1536
        i32.mul
        i32.add
        local.set $xp
        i32.const 0
        local.set $j
        local.get $y
        local.get $row
        i32.const 1536
        i32.mul
        i32.add
        local.set $yp
        local.get $scale
        local.set $sp
        local.get $bias
        local.set $bp
        block  ;; label = @3
          loop  ;; label = @4
            local.get $j
            i32.const 4
            i32.add
            i32.const 384
            i32.gt_s
            br_if 1 (;@3;)
            local.get $yp
            local.get $xp
            v128.load align=4
            local.get $vmean
            f32x4.sub
            local.get $vrstd
            f32x4.mul
            local.get $sp
            v128.load align=4
            f32x4.mul
            local.get $bp
            v128.load align=4
            f32x4.add
            v128.store align=4
            local.get $xp
            i32.const 16
            i32.add
            local.set $xp
            local.get $yp
            i32.const 16
            i32.add
            local.set $yp
            local.get $sp
            i32.const 16
            i32.add
            local.set $sp
            local.get $bp
            i32.const 16
            i32.add
            local.set $bp
            local.get $j
            i32.const 4
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
            i32.const 384
            i32.gt_s
            br_if 1 (;@3;)
            local.get $yp
            local.get $xp
            f32.load
            local.get $mean
            f32.sub
            local.get $sum
            f32.mul
            local.get $sp
            f32.load
            f32.mul
            local.get $bp
            f32.load
            f32.add
            f32.store
            local.get $xp
            i32.const 4
            i32.add
            local.set $xp
            local.get $yp
            i32.const 4
            i32.add
            local.set $yp
            local.get $sp
            i32.const 4
            i32.add
            local.set $sp
            local.get $bp
            i32.const 4
            i32.add
            local.set $bp
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
  (export "main" (func $norm_layer)))
