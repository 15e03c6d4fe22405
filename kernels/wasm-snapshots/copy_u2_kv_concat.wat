(module
  (type (;0;) (func (param i32 i32 i32 i32)))
  (import "env" "memory" (memory (;0;) 1 65536 shared))
  (func $copy_rows (type 0) (param $src i32) (param $dst i32) (param $row_start i32) (param $row_end i32)
    (local $r i32) (local $s i32) (local $d i32) (local $i i32)
    local.get $row_start
    local.set $r
    block  ;; label = @1
      loop  ;; label = @2
        local.get $r
        i32.const 1
        i32.add
        local.get $row_end
        i32.gt_s
        br_if 1 (;@1;)
        local.get $src
        local.get $r
        i32.const 16384
        i32.mul
        i32.add
        local.set $s
        local.get $dst
        local.get $r
        i32.const 16896
        i32.mul
        i32.add
        local.set $d
        i32.const 0
        local.set $i
        block  ;; label = @3
          loop  ;; label = @4
            local.get $i
            i32.const 32
            i32.add
            i32.const 16384
            i32.gt_s
            br_if 1 (;@3;)
            local.get $d
            local.get $i
            i32.add
            local.get $s
            local.get $i
            i32.add
            v128.load align=4
            v128.store align=4
            local.get $d
            local.get $i
            i32.add
            local.get $s
            local.get $i
            i32.add
            v128.load offset=16 align=4
            v128.store offset=16 align=4
            local.get $i
            i32.const 32
            i32.add
            local.set $i
            br 0 (;@4;)
          end
        end
        block  ;; label = @3
          loop  ;; label = @4
            local.get $i
            i32.const 4
            i32.add
            i32.const 16384
            i32.gt_s
            br_if 1 (;@3;)
            local.get $d
            local.get $i
            i32.add
            local.get $s
            local.get $i
            i32.add
            f32.load
            f32.store
            local.get $i
            i32.const 4
            i32.add
            local.set $i
            br 0 (;@4;)
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0 (;@2;)
      end
    end)
  (export "main" (func $copy_rows)))
