(module
  (type (;0;) (func (param i32 i32 i32 i32 i32)))
  (import "env" "memory" (memory (;0;) 1 65536 shared))
  (func $broadcast_add (type 0) (param $x i32) (param $y i32) (param $out i32) (param $row_start i32) (param $row_end i32)
    (local $row i32) (local $j i32) (local $xp i32) (local $yp i32) (local $op i32) (local $y_splat v128)
    local.get $x
    local.get $row_start
    i32.const 512
    i32.mul
    i32.add
    local.set $xp
    local.get $out
    local.get $row_start
    i32.const 512
    i32.mul
    i32.add
    local.set $op
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
        local.get $y
        local.set $yp
        i32.const 0
        local.set $j
        block  ;; label = @3
          loop  ;; label = @4
            local.get $j
            i32.const 8
            i32.add
            i32.const 128
            i32.gt_s
            br_if 1 (;@3;)
            local.get $op
            local.get $xp
            v128.load align=4
            local.get $yp
            v128.load align=4
            f32x4.add
            v128.store align=4
            local.get $op
            local.get $xp
            v128.load offset=16 align=4
            local.get $yp
            v128.load offset=16 align=4
            f32x4.add
            v128.store offset=16 align=4
            local.get $xp
            i32.const 32
            i32.add
            local.set $xp
            local.get $yp
            i32.const 32
            i32.add
            local.set $yp
            local.get $op
            i32.const 32
            i32.add
            local.set $op
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
            local.get $op
            local.get $xp
            v128.load32_zero
            local.get $yp
            v128.load32_zero
            f32x4.add
            f32x4.extract_lane 0
            f32.store
            local.get $xp
            i32.const 4
            i32.add
            local.set $xp
            local.get $yp
            i32.const 4
            i32.add
            local.set $yp
            local.get $op
            i32.const 4
            i32.add
            local.set $op
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
  (export "main" (func $broadcast_add)))
