(module
  (type (;0;) (func (param i32 i32 i32 i32)))
  (import "env" "memory" (memory (;0;) 1 65536 shared))
  (func $transpose (type 0) (param $x i32) (param $y i32) (param $row_start i32) (param $row_end i32)
    (local $i0 i32) (local $src0 i32) (local $i1 i32) (local $src1 i32) (local $i2 i32) (local $src2 i32) (local $dst i32)
    local.get $y
    local.get $row_start
    i32.const 16384
    i32.mul
    i32.add
    local.set $dst
    local.get $x
    local.get $row_start
    i32.const 128
    i32.mul
    i32.add
    local.set $src0
    local.get $row_start
    local.set $i0
    block  ;; label = @1
      loop  ;; label = @2
        local.get $i0
        i32.const 1
        i32.add
        local.get $row_end
        i32.gt_s
        br_if 1 (;@1;)
        local.get $src0
        local.set $src1
        i32.const 0
        local.set $i1
        block  ;; label = @3
          loop  ;; label = @4
            local.get $i1
            i32.const 1
            i32.add
            i32.const 128
            i32.gt_s
            br_if 1 (;@3;)
            local.get $src1
            local.set $src2
            i32.const 0
            local.set $i2
            block  ;; label = @5
              loop  ;; label = @6
                local.get $i2
                i32.const 4
                i32.add
                i32.const 32
                i32.gt_s
                br_if 1 (;@5;)
                local.get $dst
                local.get $src2
                v128.load align=4
                v128.store align=4
                local.get $src2
                i32.const 16
                i32.add
                local.set $src2
                local.get $dst
                i32.const 16
                i32.add
                local.set $dst
                local.get $i2
                i32.const 4
                i32.add
                local.set $i2
                br 0 (;@6;)
              end
            end
            block  ;; label = @5
              loop  ;; label = @6
                local.get $i2
                i32.const 1
                i32.add
                i32.const 32
                i32.gt_s
                br_if 1 (;@5;)
                local.get $dst
                local.get $src2
                f32.load
                f32.store
                local.get $dst
                i32.const 4
                i32.add
                local.set $dst
                local.get $src2
                i32.const 4
                i32.add
                local.set $src2
                local.get $i2
                i32.const 1
                i32.add
                local.set $i2
                br 0 (;@6;)
              end
            end
            local.get $src1
            i32.const 1536
            i32.add
            local.set $src1
            local.get $i1
            i32.const 1
            i32.add
            local.set $i1
            br 0 (;@4;)
          end
        end
        local.get $src0
        i32.const 128
        i32.add
        local.set $src0
        local.get $i0
        i32.const 1
        i32.add
        local.set $i0
        br 0 (;@2;)
      end
    end)
  (export "main" (func $transpose)))
