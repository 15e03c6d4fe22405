(module
  (type (;0;) (func (param i32 i32 i32 i32 i32)))
  (import "env" "memory" (memory (;0;) 1 65536 shared))
  (func $elementwise_add (type 0) (param $x i32) (param $y i32) (param $out i32) (param $start i32) (param $end i32)
    (local $i i32)
    local.get $x
    local.get $start
    i32.const 2
    i32.shl
    i32.add
    local.set $x
    local.get $y
    local.get $start
    i32.const 2
    i32.shl
    i32.add
    local.set $y
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
        i32.const 8
        i32.add
        local.get $end
        i32.gt_s
        br_if 1 (;@1;)
        local.get $out
        local.get $x
        v128.load align=4
        local.get $y
        v128.load align=4
        f32x4.add
        v128.store align=4
        local.get $out
        local.get $x
        v128.load offset=16 align=4
        local.get $y
        v128.load offset=16 align=4
        f32x4.add
        v128.store offset=16 align=4
        local.get $x
        i32.const 32
        i32.add
        local.set $x
        local.get $y
        i32.const 32
        i32.add
        local.set $y
        local.get $out
        i32.const 32
        i32.add
        local.set $out
        local.get $i
        i32.const 8
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
        local.get $y
        v128.load32_zero
        f32x4.add
        f32x4.extract_lane 0
        f32.store
        local.get $x
        i32.const 4
        i32.add
        local.set $x
        local.get $y
        i32.const 4
        i32.add
        local.set $y
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
  (export "main" (func $elementwise_add)))
