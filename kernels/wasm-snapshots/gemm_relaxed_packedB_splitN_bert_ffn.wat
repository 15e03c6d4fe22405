(module
  (type (;0;) (func (param i32 i32 i32 i32 i32 i32 i32)))
  (import "env" "memory" (memory (;0;) 1 65536 shared))
  (func $gemm (type 0) (param $a i32) (param $b i32) (param $bias i32) (param $c i32) (param $workspace i32) (param $col_start i32) (param $col_end i32)
    (local $jc i32) (local $nb i32) (local $pc i32) (local $kb i32) (local $ic i32) (local $mb i32) (local $jr i32) (local $cols i32) (local $ir i32) (local $rows i32) (local $i i32) (local $j i32) (local $src i32) (local $dst i32) (local $pa i32) (local $pb i32) (local $cptr i32) (local $packed_b i32) (local $packed_a i32) (local $edge_tile i32) (local $a_row0 i32) (local $a_row1 i32) (local $a_row2 i32) (local $a_row3 i32) (local $a_row4 i32) (local $a_row5 i32) (local $acc0_0 v128) (local $acc0_1 v128) (local $acc1_0 v128) (local $acc1_1 v128) (local $acc2_0 v128) (local $acc2_1 v128) (local $acc3_0 v128) (local $acc3_1 v128) (local $acc4_0 v128) (local $acc4_1 v128) (local $acc5_0 v128) (local $acc5_1 v128) (local $b0 v128) (local $b1 v128) (local $a_splat v128) (local $act_x v128) (local $act_t v128) (local $act_u v128) (local $act_exp_x v128) (local $act_exp_n v128) (local $act_exp_p v128)
    local.get $workspace
    local.set $packed_b
    local.get $workspace
    i32.const 0
    i32.add
    local.set $packed_a
    local.get $packed_a
    i32.const 55296
    i32.add
    local.set $edge_tile
    local.get $col_start
    local.set $jc
    block  ;; label = @1
      loop  ;; label = @2
        local.get $jc
        i32.const 1
        i32.add
        local.get $col_end
        i32.gt_s
        br_if 1 (;@1;)
        i32.const 512
        local.get $col_end
        local.get $jc
        i32.sub
        i32.const 512
        local.get $col_end
        local.get $jc
        i32.sub
        i32.lt_s
        select
        local.set $nb
        i32.const 0
        local.set $pc
        block  ;; label = @3
          loop  ;; label = @4
            local.get $pc
            i32.const 1
            i32.add
            i32.const 768
            i32.gt_s
            br_if 1 (;@3;)
            i32.const 1024
            i32.const 768
            local.get $pc
            i32.sub
            i32.const 1024
            i32.const 768
            local.get $pc
            i32.sub
            i32.lt_s
            select
            local.set $kb
            i32.const 0
            local.set $ic
            block  ;; label = @5
              loop  ;; label = @6
                local.get $ic
                i32.const 1
                i32.add
                i32.const 16
                i32.gt_s
                br_if 1 (;@5;)
                i32.const 48
                i32.const 16
                local.get $ic
                i32.sub
                i32.const 48
                i32.const 16
                local.get $ic
                i32.sub
                i32.lt_s
                select
                local.set $mb
                local.get $packed_a
                local.set $dst
                i32.const 0
                local.set $ir
                block  ;; label = @7
                  loop  ;; label = @8
                    local.get $ir
                    i32.const 1
                    i32.add
                    local.get $mb
                    i32.gt_s
                    br_if 1 (;@7;)
                    i32.const 6
                    local.get $mb
                    local.get $ir
                    i32.sub
                    i32.const 6
                    local.get $mb
                    local.get $ir
                    i32.sub
                    i32.lt_s
                    select
                    local.set $rows
                    local.get $a
                    local.get $ic
                    local.get $ir
                    i32.add
                    i32.const 768
                    i32.mul
                    local.get $pc
                    i32.add
                    i32.const 2
                    i32.shl
                    i32.add
                    local.set $a_row0
                    local.get $a
                    local.get $ic
                    local.get $ir
                    i32.add
                    i32.const 1
                    local.get $rows
                    i32.const 1
                    i32.sub
                    i32.const 1
                    local.get $rows
                    i32.const 1
                    i32.sub
                    i32.lt_s
                    select
                    i32.add
                    i32.const 768
                    i32.mul
                    local.get $pc
                    i32.add
                    i32.const 2
                    i32.shl
                    i32.add
                    local.set $a_row1
                    local.get $a
                    local.get $ic
                    local.get $ir
                    i32.add
                    i32.const 2
                    local.get $rows
                    i32.const 1
                    i32.sub
                    i32.const 2
                    local.get $rows
                    i32.const 1
                    i32.sub
                    i32.lt_s
                    select
                    i32.add
                    i32.const 768
                    i32.mul
                    local.get $pc
                    i32.add
                    i32.const 2
                    i32.shl
                    i32.add
                    local.set $a_row2
                    local.get $a
                    local.get $ic
                    local.get $ir
                    i32.add
                    i32.const 3
                    local.get $rows
                    i32.const 1
                    i32.sub
                    i32.const 3
                    local.get $rows
                    i32.const 1
                    i32.sub
                    i32.lt_s
                    select
                    i32.add
                    i32.const 768
                    i32.mul
                    local.get $pc
                    i32.add
                    i32.const 2
                    i32.shl
                    i32.add
                    local.set $a_row3
                    local.get $a
                    local.get $ic
                    local.get $ir
                    i32.add
                    i32.const 4
                    local.get $rows
                    i32.const 1
                    i32.sub
                    i32.const 4
                    local.get $rows
                    i32.const 1
                    i32.sub
                    i32.lt_s
                    select
                    i32.add
                    i32.const 768
                    i32.mul
                    local.get $pc
                    i32.add
                    i32.const 2
                    i32.shl
                    i32.add
                    local.set $a_row4
                    local.get $a
                    local.get $ic
                    local.get $ir
                    i32.add
                    i32.const 5
                    local.get $rows
                    i32.const 1
                    i32.sub
                    i32.const 5
                    local.get $rows
                    i32.const 1
                    i32.sub
                    i32.lt_s
                    select
                    i32.add
                    i32.const 768
                    i32.mul
                    local.get $pc
                    i32.add
                    i32.const 2
                    i32.shl
                    i32.add
                    local.set $a_row5
                    i32.const 0
                    local.set $i
                    block  ;; label = @9
                      loop  ;; label = @10
                        local.get $i
                        i32.const 1
                        i32.add
                        local.get $kb
                        i32.gt_s
                        br_if 1 (;@9;)
                        local.get $dst
                        local.get $a_row0
                        f32.load
                        f32.store
                        local.get $a_row0
                        i32.const 4
                        i32.add
                        local.set $a_row0
                        local.get $dst
                        local.get $a_row1
                        f32.load
                        f32.store offset=4
                        local.get $a_row1
                        i32.const 4
                        i32.add
                        local.set $a_row1
                        local.get $dst
                        local.get $a_row2
                        f32.load
                        f32.store offset=8
                        local.get $a_row2
                        i32.const 4
                        i32.add
                        local.set $a_row2
                        local.get $dst
                        local.get $a_row3
                        f32.load
                        f32.store offset=12
                        local.get $a_row3
                        i32.const 4
                        i32.add
                        local.set $a_row3
                        local.get $dst
                        local.get $a_row4
                        f32.load
                        f32.store offset=16
                        local.get $a_row4
                        i32.const 4
                        i32.add
                        local.set $a_row4
                        local.get $dst
                        local.get $a_row5
                        f32.load
                        f32.store offset=20
                        local.get $a_row5
                        i32.const 4
                        i32.add
                        local.set $a_row5
                        local.get $dst
                        i32.const 24
                        i32.add
                        local.set $dst
                        local.get $i
                        i32.const 1
                        i32.add
                        local.set $i
                        br 0 (;@10;)
                      end
                    end
                    local.get $ir
                    i32.const 6
                    i32.add
                    local.set $ir
                    br 0 (;@8;)
                  end
                end
                i32.const 0
                local.set $jr
                block  ;; label = @7
                  loop  ;; label = @8
                    local.get $jr
                    i32.const 1
                    i32.add
                    local.get $nb
                    i32.gt_s
                    br_if 1 (;@7;)
                    i32.const 8
                    local.get $nb
                    local.get $jr
                    i32.sub
                    i32.const 8
                    local.get $nb
                    local.get $jr
                    i32.sub
                    i32.lt_s
                    select
                    local.set $cols
                    i32.const 0
                    local.set $ir
                    block  ;; label = @9
                      loop  ;; label = @10
                        local.get $ir
                        i32.const 1
                        i32.add
                        local.get $mb
                        i32.gt_s
                        br_if 1 (;@9;)
                        i32.const 6
                        local.get $mb
                        local.get $ir
                        i32.sub
                        i32.const 6
                        local.get $mb
                        local.get $ir
                        i32.sub
                        i32.lt_s
                        select
                        local.set $rows
                        v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
                        local.tee $acc0_0
                        local.tee $acc0_1
                        local.tee $acc1_0
                        local.tee $acc1_1
                        local.tee $acc2_0
                        local.tee $acc2_1
                        local.tee $acc3_0
                        local.tee $acc3_1
                        local.tee $acc4_0
                        local.tee $acc4_1
                        local.tee $acc5_0
                        local.set $acc5_1
                        local.get $packed_a
                        local.get $ir
                        local.get $kb
                        i32.mul
                        i32.const 2
                        i32.shl
                        i32.add
                        local.set $pa
                        local.get $b
                        local.get $jc
                        local.get $jr
                        i32.add
                        i32.const 768
                        i32.mul
                        local.get $pc
                        i32.const 8
                        i32.mul
                        i32.add
                        i32.const 2
                        i32.shl
                        i32.add
                        local.set $pb
                        i32.const 0
                        local.set $i
                        block  ;; label = @11
                          loop  ;; label = @12
                            local.get $i
                            i32.const 4
                            i32.add
                            local.get $kb
                            i32.gt_s
                            br_if 1 (;@11;)
                            local.get $pb
                            v128.load
                            local.set $b0
                            local.get $pb
                            v128.load offset=16
                            local.set $b1
                            local.get $pa
                            v128.load32_splat
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc0_0
                            f32x4.relaxed_madd
                            local.set $acc0_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc0_1
                            f32x4.relaxed_madd
                            local.set $acc0_1
                            local.get $pa
                            v128.load32_splat offset=4
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc1_0
                            f32x4.relaxed_madd
                            local.set $acc1_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc1_1
                            f32x4.relaxed_madd
                            local.set $acc1_1
                            local.get $pa
                            v128.load32_splat offset=8
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc2_0
                            f32x4.relaxed_madd
                            local.set $acc2_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc2_1
                            f32x4.relaxed_madd
                            local.set $acc2_1
                            local.get $pa
                            v128.load32_splat offset=12
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc3_0
                            f32x4.relaxed_madd
                            local.set $acc3_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc3_1
                            f32x4.relaxed_madd
                            local.set $acc3_1
                            local.get $pa
                            v128.load32_splat offset=16
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc4_0
                            f32x4.relaxed_madd
                            local.set $acc4_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc4_1
                            f32x4.relaxed_madd
                            local.set $acc4_1
                            local.get $pa
                            v128.load32_splat offset=20
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc5_0
                            f32x4.relaxed_madd
                            local.set $acc5_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc5_1
                            f32x4.relaxed_madd
                            local.set $acc5_1
                            local.get $pb
                            v128.load offset=32
                            local.set $b0
                            local.get $pb
                            v128.load offset=48
                            local.set $b1
                            local.get $pa
                            v128.load32_splat offset=24
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc0_0
                            f32x4.relaxed_madd
                            local.set $acc0_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc0_1
                            f32x4.relaxed_madd
                            local.set $acc0_1
                            local.get $pa
                            v128.load32_splat offset=28
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc1_0
                            f32x4.relaxed_madd
                            local.set $acc1_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc1_1
                            f32x4.relaxed_madd
                            local.set $acc1_1
                            local.get $pa
                            v128.load32_splat offset=32
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc2_0
                            f32x4.relaxed_madd
                            local.set $acc2_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc2_1
                            f32x4.relaxed_madd
                            local.set $acc2_1
                            local.get $pa
                            v128.load32_splat offset=36
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc3_0
                            f32x4.relaxed_madd
                            local.set $acc3_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc3_1
                            f32x4.relaxed_madd
                            local.set $acc3_1
                            local.get $pa
                            v128.load32_splat offset=40
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc4_0
                            f32x4.relaxed_madd
                            local.set $acc4_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc4_1
                            f32x4.relaxed_madd
                            local.set $acc4_1
                            local.get $pa
                            v128.load32_splat offset=44
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc5_0
                            f32x4.relaxed_madd
                            local.set $acc5_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc5_1
                            f32x4.relaxed_madd
                            local.set $acc5_1
                            local.get $pb
                            v128.load offset=64
                            local.set $b0
                            local.get $pb
                            v128.load offset=80
                            local.set $b1
                            local.get $pa
                            v128.load32_splat offset=48
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc0_0
                            f32x4.relaxed_madd
                            local.set $acc0_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc0_1
                            f32x4.relaxed_madd
                            local.set $acc0_1
                            local.get $pa
                            v128.load32_splat offset=52
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc1_0
                            f32x4.relaxed_madd
                            local.set $acc1_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc1_1
                            f32x4.relaxed_madd
                            local.set $acc1_1
                            local.get $pa
                            v128.load32_splat offset=56
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc2_0
                            f32x4.relaxed_madd
                            local.set $acc2_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc2_1
                            f32x4.relaxed_madd
                            local.set $acc2_1
                            local.get $pa
                            v128.load32_splat offset=60
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc3_0
                            f32x4.relaxed_madd
                            local.set $acc3_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc3_1
                            f32x4.relaxed_madd
                            local.set $acc3_1
                            local.get $pa
                            v128.load32_splat offset=64
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc4_0
                            f32x4.relaxed_madd
                            local.set $acc4_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc4_1
                            f32x4.relaxed_madd
                            local.set $acc4_1
                            local.get $pa
                            v128.load32_splat offset=68
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc5_0
                            f32x4.relaxed_madd
                            local.set $acc5_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc5_1
                            f32x4.relaxed_madd
                            local.set $acc5_1
                            local.get $pb
                            v128.load offset=96
                            local.set $b0
                            local.get $pb
                            v128.load offset=112
                            local.set $b1
                            local.get $pa
                            v128.load32_splat offset=72
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc0_0
                            f32x4.relaxed_madd
                            local.set $acc0_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc0_1
                            f32x4.relaxed_madd
                            local.set $acc0_1
                            local.get $pa
                            v128.load32_splat offset=76
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc1_0
                            f32x4.relaxed_madd
                            local.set $acc1_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc1_1
                            f32x4.relaxed_madd
                            local.set $acc1_1
                            local.get $pa
                            v128.load32_splat offset=80
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc2_0
                            f32x4.relaxed_madd
                            local.set $acc2_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc2_1
                            f32x4.relaxed_madd
                            local.set $acc2_1
                            local.get $pa
                            v128.load32_splat offset=84
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc3_0
                            f32x4.relaxed_madd
                            local.set $acc3_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc3_1
                            f32x4.relaxed_madd
                            local.set $acc3_1
                            local.get $pa
                            v128.load32_splat offset=88
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc4_0
                            f32x4.relaxed_madd
                            local.set $acc4_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc4_1
                            f32x4.relaxed_madd
                            local.set $acc4_1
                            local.get $pa
                            v128.load32_splat offset=92
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc5_0
                            f32x4.relaxed_madd
                            local.set $acc5_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc5_1
                            f32x4.relaxed_madd
                            local.set $acc5_1
                            local.get $pb
                            i32.const 128
                            i32.add
                            local.set $pb
                            local.get $pa
                            i32.const 96
                            i32.add
                            local.set $pa
                            local.get $i
                            i32.const 4
                            i32.add
                            local.set $i
                            br 0 (;@12;)
                          end
                        end
                        block  ;; label = @11
                          loop  ;; label = @12
                            local.get $i
                            i32.const 1
                            i32.add
                            local.get $kb
                            i32.gt_s
                            br_if 1 (;@11;)
                            local.get $pb
                            v128.load
                            local.set $b0
                            local.get $pb
                            v128.load offset=16
                            local.set $b1
                            local.get $pa
                            v128.load32_splat
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc0_0
                            f32x4.relaxed_madd
                            local.set $acc0_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc0_1
                            f32x4.relaxed_madd
                            local.set $acc0_1
                            local.get $pa
                            v128.load32_splat offset=4
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc1_0
                            f32x4.relaxed_madd
                            local.set $acc1_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc1_1
                            f32x4.relaxed_madd
                            local.set $acc1_1
                            local.get $pa
                            v128.load32_splat offset=8
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc2_0
                            f32x4.relaxed_madd
                            local.set $acc2_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc2_1
                            f32x4.relaxed_madd
                            local.set $acc2_1
                            local.get $pa
                            v128.load32_splat offset=12
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc3_0
                            f32x4.relaxed_madd
                            local.set $acc3_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc3_1
                            f32x4.relaxed_madd
                            local.set $acc3_1
                            local.get $pa
                            v128.load32_splat offset=16
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc4_0
                            f32x4.relaxed_madd
                            local.set $acc4_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc4_1
                            f32x4.relaxed_madd
                            local.set $acc4_1
                            local.get $pa
                            v128.load32_splat offset=20
                            local.set $a_splat
                            local.get $a_splat
                            local.get $b0
                            local.get $acc5_0
                            f32x4.relaxed_madd
                            local.set $acc5_0
                            local.get $a_splat
                            local.get $b1
                            local.get $acc5_1
                            f32x4.relaxed_madd
                            local.set $acc5_1
                            local.get $pb
                            i32.const 32
                            i32.add
                            local.set $pb
                            local.get $pa
                            i32.const 24
                            i32.add
                            local.set $pa
                            local.get $i
                            i32.const 1
                            i32.add
                            local.set $i
                            br 0 (;@12;)
                          end
                        end
                        local.get $c
                        local.get $ic
                        local.get $ir
                        i32.add
                        i32.const 3072
                        i32.mul
                        local.get $jc
                        i32.add
                        local.get $jr
                        i32.add
                        i32.const 2
                        i32.shl
                        i32.add
                        local.set $cptr
                        local.get $rows
                        i32.const 6
                        i32.eq
                        local.get $cols
                        i32.const 8
                        i32.eq
                        i32.and
                        if  ;; label = @11
                          local.get $pc
                          i32.eqz
                          if  ;; label = @12
                            local.get $cptr
                            local.get $acc0_0
                            v128.store align=4
                            local.get $cptr
                            local.get $acc0_1
                            v128.store offset=16 align=4
                            local.get $cptr
                            local.get $acc1_0
                            v128.store offset=12288 align=4
                            local.get $cptr
                            local.get $acc1_1
                            v128.store offset=12304 align=4
                            local.get $cptr
                            local.get $acc2_0
                            v128.store offset=24576 align=4
                            local.get $cptr
                            local.get $acc2_1
                            v128.store offset=24592 align=4
                            local.get $cptr
                            local.get $acc3_0
                            v128.store offset=36864 align=4
                            local.get $cptr
                            local.get $acc3_1
                            v128.store offset=36880 align=4
                            local.get $cptr
                            local.get $acc4_0
                            v128.store offset=49152 align=4
                            local.get $cptr
                            local.get $acc4_1
                            v128.store offset=49168 align=4
                            local.get $cptr
                            local.get $acc5_0
                            v128.store offset=61440 align=4
                            local.get $cptr
                            local.get $acc5_1
                            v128.store offset=61456 align=4
                          else
                            local.get $cptr
                            local.get $acc0_0
                            local.get $cptr
                            v128.load align=4
                            f32x4.add
                            v128.store align=4
                            local.get $cptr
                            local.get $acc0_1
                            local.get $cptr
                            v128.load offset=16 align=4
                            f32x4.add
                            v128.store offset=16 align=4
                            local.get $cptr
                            local.get $acc1_0
                            local.get $cptr
                            v128.load offset=12288 align=4
                            f32x4.add
                            v128.store offset=12288 align=4
                            local.get $cptr
                            local.get $acc1_1
                            local.get $cptr
                            v128.load offset=12304 align=4
                            f32x4.add
                            v128.store offset=12304 align=4
                            local.get $cptr
                            local.get $acc2_0
                            local.get $cptr
                            v128.load offset=24576 align=4
                            f32x4.add
                            v128.store offset=24576 align=4
                            local.get $cptr
                            local.get $acc2_1
                            local.get $cptr
                            v128.load offset=24592 align=4
                            f32x4.add
                            v128.store offset=24592 align=4
                            local.get $cptr
                            local.get $acc3_0
                            local.get $cptr
                            v128.load offset=36864 align=4
                            f32x4.add
                            v128.store offset=36864 align=4
                            local.get $cptr
                            local.get $acc3_1
                            local.get $cptr
                            v128.load offset=36880 align=4
                            f32x4.add
                            v128.store offset=36880 align=4
                            local.get $cptr
                            local.get $acc4_0
                            local.get $cptr
                            v128.load offset=49152 align=4
                            f32x4.add
                            v128.store offset=49152 align=4
                            local.get $cptr
                            local.get $acc4_1
                            local.get $cptr
                            v128.load offset=49168 align=4
                            f32x4.add
                            v128.store offset=49168 align=4
                            local.get $cptr
                            local.get $acc5_0
                            local.get $cptr
                            v128.load offset=61440 align=4
                            f32x4.add
                            v128.store offset=61440 align=4
                            local.get $cptr
                            local.get $acc5_1
                            local.get $cptr
                            v128.load offset=61456 align=4
                            f32x4.add
                            v128.store offset=61456 align=4
                          end
                        else
                          local.get $edge_tile
                          local.get $acc0_0
                          v128.store
                          local.get $edge_tile
                          local.get $acc0_1
                          v128.store offset=16
                          local.get $edge_tile
                          local.get $acc1_0
                          v128.store offset=32
                          local.get $edge_tile
                          local.get $acc1_1
                          v128.store offset=48
                          local.get $edge_tile
                          local.get $acc2_0
                          v128.store offset=64
                          local.get $edge_tile
                          local.get $acc2_1
                          v128.store offset=80
                          local.get $edge_tile
                          local.get $acc3_0
                          v128.store offset=96
                          local.get $edge_tile
                          local.get $acc3_1
                          v128.store offset=112
                          local.get $edge_tile
                          local.get $acc4_0
                          v128.store offset=128
                          local.get $edge_tile
                          local.get $acc4_1
                          v128.store offset=144
                          local.get $edge_tile
                          local.get $acc5_0
                          v128.store offset=160
                          local.get $edge_tile
                          local.get $acc5_1
                          v128.store offset=176
                          local.get $rows
                          i32.const 0
                          i32.gt_s
                          if  ;; label = @12
                            i32.const 0
                            local.set $j
                            block  ;; label = @13
                              loop  ;; label = @14
                                local.get $j
                                i32.const 1
                                i32.add
                                local.get $cols
                                i32.gt_s
                                br_if 1 (;@13;)
                                local.get $cptr
                                local.get $j
                                i32.const 2
                                i32.shl
                                i32.add
                                local.tee $dst
                                local.get $edge_tile
                                local.get $j
                                i32.const 2
                                i32.shl
                                i32.add
                                f32.load
                                f32.const 0x0p+0 (;=0;)
                                local.get $dst
                                f32.load
                                local.get $pc
                                i32.eqz
                                select
                                f32.add
                                f32.store
                                local.get $j
                                i32.const 1
                                i32.add
                                local.set $j
                                br 0 (;@14;)
                              end
                            end
                          end
                          local.get $rows
                          i32.const 1
                          i32.gt_s
                          if  ;; label = @12
                            i32.const 0
                            local.set $j
                            block  ;; label = @13
                              loop  ;; label = @14
                                local.get $j
                                i32.const 1
                                i32.add
                                local.get $cols
                                i32.gt_s
                                br_if 1 (;@13;)
                                local.get $cptr
                                local.get $j
                                i32.const 2
                                i32.shl
                                i32.add
                                local.tee $dst
                                local.get $edge_tile
                                local.get $j
                                i32.const 2
                                i32.shl
                                i32.add
                                f32.load offset=32
                                f32.const 0x0p+0 (;=0;)
                                local.get $dst
                                f32.load offset=12288
                                local.get $pc
                                i32.eqz
                                select
                                f32.add
                                f32.store offset=12288
                                local.get $j
                                i32.const 1
                                i32.add
                                local.set $j
                                br 0 (;@14;)
                              end
                            end
                          end
                          local.get $rows
                          i32.const 2
                          i32.gt_s
                          if  ;; label = @12
                            i32.const 0
                            local.set $j
                            block  ;; label = @13
                              loop  ;; label = @14
                                local.get $j
                                i32.const 1
                                i32.add
                                local.get $cols
                                i32.gt_s
                                br_if 1 (;@13;)
                                local.get $cptr
                                local.get $j
                                i32.const 2
                                i32.shl
                                i32.add
                                local.tee $dst
                                local.get $edge_tile
                                local.get $j
                                i32.const 2
                                i32.shl
                                i32.add
                                f32.load offset=64
                                f32.const 0x0p+0 (;=0;)
                                local.get $dst
                                f32.load offset=24576
                                local.get $pc
                                i32.eqz
                                select
                                f32.add
                                f32.store offset=24576
                                local.get $j
                                i32.const 1
                                i32.add
                                local.set $j
                                br 0 (;@14;)
                              end
                            end
                          end
                          local.get $rows
                          i32.const 3
                          i32.gt_s
                          if  ;; label = @12
                            i32.const 0
                            local.set $j
                            block  ;; label = @13
                              loop  ;; label = @14
                                local.get $j
                                i32.const 1
                                i32.add
                                local.get $cols
                                i32.gt_s
                                br_if 1 (;@13;)
                                local.get $cptr
                                local.get $j
                                i32.const 2
                                i32.shl
                                i32.add
                                local.tee $dst
                                local.get $edge_tile
                                local.get $j
                                i32.const 2
                                i32.shl
                                i32.add
                                f32.load offset=96
                                f32.const 0x0p+0 (;=0;)
                                local.get $dst
                                f32.load offset=36864
                                local.get $pc
                                i32.eqz
                                select
                                f32.add
                                f32.store offset=36864
                                local.get $j
                                i32.const 1
                                i32.add
                                local.set $j
                                br 0 (;@14;)
                              end
                            end
                          end
                          local.get $rows
                          i32.const 4
                          i32.gt_s
                          if  ;; label = @12
                            i32.const 0
                            local.set $j
                            block  ;; label = @13
                              loop  ;; label = @14
                                local.get $j
                                i32.const 1
                                i32.add
                                local.get $cols
                                i32.gt_s
                                br_if 1 (;@13;)
                                local.get $cptr
                                local.get $j
                                i32.const 2
                                i32.shl
                                i32.add
                                local.tee $dst
                                local.get $edge_tile
                                local.get $j
                                i32.const 2
                                i32.shl
                                i32.add
                                f32.load offset=128
                                f32.const 0x0p+0 (;=0;)
                                local.get $dst
                                f32.load offset=49152
                                local.get $pc
                                i32.eqz
                                select
                                f32.add
                                f32.store offset=49152
                                local.get $j
                                i32.const 1
                                i32.add
                                local.set $j
                                br 0 (;@14;)
                              end
                            end
                          end
                          local.get $rows
                          i32.const 5
                          i32.gt_s
                          if  ;; label = @12
                            i32.const 0
                            local.set $j
                            block  ;; label = @13
                              loop  ;; label = @14
                                local.get $j
                                i32.const 1
                                i32.add
                                local.get $cols
                                i32.gt_s
                                br_if 1 (;@13;)
                                local.get $cptr
                                local.get $j
                                i32.const 2
                                i32.shl
                                i32.add
                                local.tee $dst
                                local.get $edge_tile
                                local.get $j
                                i32.const 2
                                i32.shl
                                i32.add
                                f32.load offset=160
                                f32.const 0x0p+0 (;=0;)
                                local.get $dst
                                f32.load offset=61440
                                local.get $pc
                                i32.eqz
                                select
                                f32.add
                                f32.store offset=61440
                                local.get $j
                                i32.const 1
                                i32.add
                                local.set $j
                                br 0 (;@14;)
                              end
                            end
                          end
                        end
                        local.get $ir
                        i32.const 6
                        i32.add
                        local.set $ir
                        br 0 (;@10;)
                      end
                    end
                    local.get $jr
                    i32.const 8
                    i32.add
                    local.set $jr
                    br 0 (;@8;)
                  end
                end
                local.get $ic
                i32.const 48
                i32.add
                local.set $ic
                br 0 (;@6;)
              end
            end
            local.get $pc
            i32.const 1024
            i32.add
            local.set $pc
            br 0 (;@4;)
          end
        end
        local.get $jc
        i32.const 512
        i32.add
        local.set $jc
        br 0 (;@2;)
      end
    end
    i32.const 0
    local.set $i
    block  ;; label = @1
      loop  ;; label = @2
        local.get $i
        i32.const 1
        i32.add
        i32.const 16
        i32.gt_s
        br_if 1 (;@1;)
        local.get $c
        local.get $i
        i32.const 12288
        i32.mul
        i32.add
        local.get $col_start
        i32.const 2
        i32.shl
        i32.add
        local.set $dst
        local.get $bias
        local.get $col_start
        i32.const 2
        i32.shl
        i32.add
        local.set $src
        local.get $col_start
        local.set $j
        block  ;; label = @3
          loop  ;; label = @4
            local.get $j
            i32.const 4
            i32.add
            local.get $col_end
            i32.gt_s
            br_if 1 (;@3;)
            local.get $dst
            local.get $dst
            v128.load align=4
            local.get $src
            v128.load align=4
            f32x4.add
            local.tee $act_x
            v128.const i32x4 0x3f3504f3 0x3f3504f3 0x3f3504f3 0x3f3504f3
            f32x4.mul
            local.tee $act_u
            f32x4.abs
            local.set $act_t
            local.get $act_t
            local.get $act_t
            f32x4.mul
            f32x4.neg
            v128.const i32x4 0xc2d00000 0xc2d00000 0xc2d00000 0xc2d00000
            f32x4.max
            v128.const i32x4 0x42b20000 0x42b20000 0x42b20000 0x42b20000
            f32x4.min
            local.tee $act_exp_x
            v128.const i32x4 0x3fb8aa3b 0x3fb8aa3b 0x3fb8aa3b 0x3fb8aa3b
            f32x4.mul
            f32x4.nearest
            local.set $act_exp_n
            local.get $act_exp_x
            local.get $act_exp_n
            v128.const i32x4 0x3f318000 0x3f318000 0x3f318000 0x3f318000
            f32x4.mul
            f32x4.sub
            local.get $act_exp_n
            v128.const i32x4 0xb95e8083 0xb95e8083 0xb95e8083 0xb95e8083
            f32x4.mul
            f32x4.sub
            local.set $act_exp_x
            v128.const i32x4 0x39500d01 0x39500d01 0x39500d01 0x39500d01
            local.get $act_exp_x
            f32x4.mul
            v128.const i32x4 0x3ab60b61 0x3ab60b61 0x3ab60b61 0x3ab60b61
            f32x4.add
            local.get $act_exp_x
            f32x4.mul
            v128.const i32x4 0x3c088889 0x3c088889 0x3c088889 0x3c088889
            f32x4.add
            local.get $act_exp_x
            f32x4.mul
            v128.const i32x4 0x3d2aaaab 0x3d2aaaab 0x3d2aaaab 0x3d2aaaab
            f32x4.add
            local.get $act_exp_x
            f32x4.mul
            v128.const i32x4 0x3e2aaaab 0x3e2aaaab 0x3e2aaaab 0x3e2aaaab
            f32x4.add
            local.get $act_exp_x
            f32x4.mul
            v128.const i32x4 0x3f000000 0x3f000000 0x3f000000 0x3f000000
            f32x4.add
            local.get $act_exp_x
            f32x4.mul
            v128.const i32x4 0x3f800000 0x3f800000 0x3f800000 0x3f800000
            f32x4.add
            local.get $act_exp_x
            f32x4.mul
            v128.const i32x4 0x3f800000 0x3f800000 0x3f800000 0x3f800000
            f32x4.add
            local.set $act_exp_p
            local.get $act_exp_n
            i32x4.trunc_sat_f32x4_s
            local.set $act_exp_n
            local.get $act_exp_p
            local.get $act_exp_n
            i32.const 1
            i32x4.shr_s
            local.tee $act_exp_x
            v128.const i32x4 0x0000007f 0x0000007f 0x0000007f 0x0000007f
            i32x4.add
            i32.const 23
            i32x4.shl
            f32x4.mul
            local.get $act_exp_n
            local.get $act_exp_x
            i32x4.sub
            v128.const i32x4 0x0000007f 0x0000007f 0x0000007f 0x0000007f
            i32x4.add
            i32.const 23
            i32x4.shl
            f32x4.mul
            v128.const i32x4 0x3f800000 0x3f800000 0x3f800000 0x3f800000
            v128.const i32x4 0x3f800000 0x3f800000 0x3f800000 0x3f800000
            local.get $act_t
            v128.const i32x4 0x3ea7ba05 0x3ea7ba05 0x3ea7ba05 0x3ea7ba05
            f32x4.mul
            f32x4.add
            f32x4.div
            local.set $act_t
            v128.const i32x4 0x3f87dc22 0x3f87dc22 0x3f87dc22 0x3f87dc22
            local.get $act_t
            f32x4.mul
            v128.const i32x4 0xbfba00e3 0xbfba00e3 0xbfba00e3 0xbfba00e3
            f32x4.add
            local.get $act_t
            f32x4.mul
            v128.const i32x4 0x3fb5f0e3 0x3fb5f0e3 0x3fb5f0e3 0x3fb5f0e3
            f32x4.add
            local.get $act_t
            f32x4.mul
            v128.const i32x4 0xbe91a98e 0xbe91a98e 0xbe91a98e 0xbe91a98e
            f32x4.add
            local.get $act_t
            f32x4.mul
            v128.const i32x4 0x3e827906 0x3e827906 0x3e827906 0x3e827906
            f32x4.add
            local.get $act_t
            f32x4.mul
            f32x4.mul
            local.set $act_t
            local.get $act_t
            v128.const i32x4 0x40000000 0x40000000 0x40000000 0x40000000
            local.get $act_t
            f32x4.sub
            local.get $act_u
            v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
            f32x4.lt
            v128.bitselect
            local.get $act_x
            f32x4.mul
            v128.const i32x4 0x3f000000 0x3f000000 0x3f000000 0x3f000000
            f32x4.mul
            v128.store align=4
            local.get $dst
            i32.const 16
            i32.add
            local.set $dst
            local.get $src
            i32.const 16
            i32.add
            local.set $src
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
            local.get $col_end
            i32.gt_s
            br_if 1 (;@3;)
            local.get $dst
            local.get $dst
            v128.load32_zero
            local.get $src
            v128.load32_zero
            f32x4.add
            local.tee $act_x
            v128.const i32x4 0x3f3504f3 0x3f3504f3 0x3f3504f3 0x3f3504f3
            f32x4.mul
            local.tee $act_u
            f32x4.abs
            local.set $act_t
            local.get $act_t
            local.get $act_t
            f32x4.mul
            f32x4.neg
            v128.const i32x4 0xc2d00000 0xc2d00000 0xc2d00000 0xc2d00000
            f32x4.max
            v128.const i32x4 0x42b20000 0x42b20000 0x42b20000 0x42b20000
            f32x4.min
            local.tee $act_exp_x
            v128.const i32x4 0x3fb8aa3b 0x3fb8aa3b 0x3fb8aa3b 0x3fb8aa3b
            f32x4.mul
            f32x4.nearest
            local.set $act_exp_n
            local.get $act_exp_x
            local.get $act_exp_n
            v128.const i32x4 0x3f318000 0x3f318000 0x3f318000 0x3f318000
            f32x4.mul
            f32x4.sub
            local.get $act_exp_n
            v128.const i32x4 0xb95e8083 0xb95e8083 0xb95e8083 0xb95e8083
            f32x4.mul
            f32x4.sub
            local.set $act_exp_x
            v128.const i32x4 0x39500d01 0x39500d01 0x39500d01 0x39500d01
            local.get $act_exp_x
            f32x4.mul
            v128.const i32x4 0x3ab60b61 0x3ab60b61 0x3ab60b61 0x3ab60b61
            f32x4.add
            local.get $act_exp_x
            f32x4.mul
            v128.const i32x4 0x3c088889 0x3c088889 0x3c088889 0x3c088889
            f32x4.add
            local.get $act_exp_x
            f32x4.mul
            v128.const i32x4 0x3d2aaaab 0x3d2aaaab 0x3d2aaaab 0x3d2aaaab
            f32x4.add
            local.get $act_exp_x
            f32x4.mul
            v128.const i32x4 0x3e2aaaab 0x3e2aaaab 0x3e2aaaab 0x3e2aaaab
            f32x4.add
            local.get $act_exp_x
            f32x4.mul
            v128.const i32x4 0x3f000000 0x3f000000 0x3f000000 0x3f000000
            f32x4.add
            local.get $act_exp_x
            f32x4.mul
            v128.const i32x4 0x3f800000 0x3f800000 0x3f800000 0x3f800000
            f32x4.add
            local.get $act_exp_x
            f32x4.mul
            v128.const i32x4 0x3f800000 0x3f800000 0x3f800000 0x3f800000
            f32x4.add
            local.set $act_exp_p
            local.get $act_exp_n
            i32x4.trunc_sat_f32x4_s
            local.set $act_exp_n
            local.get $act_exp_p
            local.get $act_exp_n
            i32.const 1
            i32x4.shr_s
            local.tee $act_exp_x
            v128.const i32x4 0x0000007f 0x0000007f 0x0000007f 0x0000007f
            i32x4.add
            i32.const 23
            i32x4.shl
            f32x4.mul
            local.get $act_exp_n
            local.get $act_exp_x
            i32x4.sub
            v128.const i32x4 0x0000007f 0x0000007f 0x0000007f 0x0000007f
            i32x4.add
            i32.const 23
            i32x4.shl
            f32x4.mul
            v128.const i32x4 0x3f800000 0x3f800000 0x3f800000 0x3f800000
            v128.const i32x4 0x3f800000 0x3f800000 0x3f800000 0x3f800000
            local.get $act_t
            v128.const i32x4 0x3ea7ba05 0x3ea7ba05 0x3ea7ba05 0x3ea7ba05
            f32x4.mul
            f32x4.add
            f32x4.div
            local.set $act_t
            v128.const i32x4 0x3f87dc22 0x3f87dc22 0x3f87dc22 0x3f87dc22
            local.get $act_t
            f32x4.mul
            v128.const i32x4 0xbfba00e3 0xbfba00e3 0xbfba00e3 0xbfba00e3
            f32x4.add
            local.get $act_t
            f32x4.mul
            v128.const i32x4 0x3fb5f0e3 0x3fb5f0e3 0x3fb5f0e3 0x3fb5f0e3
            f32x4.add
            local.get $act_t
            f32x4.mul
            v128.const i32x4 0xbe91a98e 0xbe91a98e 0xbe91a98e 0xbe91a98e
            f32x4.add
            local.get $act_t
            f32x4.mul
            v128.const i32x4 0x3e827906 0x3e827906 0x3e827906 0x3e827906
            f32x4.add
            local.get $act_t
            f32x4.mul
            f32x4.mul
            local.set $act_t
            local.get $act_t
            v128.const i32x4 0x40000000 0x40000000 0x40000000 0x40000000
            local.get $act_t
            f32x4.sub
            local.get $act_u
            v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
            f32x4.lt
            v128.bitselect
            local.get $act_x
            f32x4.mul
            v128.const i32x4 0x3f000000 0x3f000000 0x3f000000 0x3f000000
            f32x4.mul
            f32x4.extract_lane 0
            f32.store
            local.get $dst
            i32.const 4
            i32.add
            local.set $dst
            local.get $src
            i32.const 4
            i32.add
            local.set $src
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0 (;@4;)
          end
        end
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br 0 (;@2;)
      end
    end)
  (export "main" (func $gemm)))
