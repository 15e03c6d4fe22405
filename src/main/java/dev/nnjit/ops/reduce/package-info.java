/**
 * The reduce op family: Reduce{Sum, Mean, Max, Min, Prod, L1, L2, SumSquare, LogSum, LogSumExp}
 * ({@link dev.nnjit.ops.reduce.ReduceOp}, axes per {@link dev.nnjit.ops.reduce.ReduceAxes}) and ArgMax/ArgMin
 * ({@link dev.nnjit.ops.reduce.ArgReduceOp}).
 */
package dev.nnjit.ops.reduce;
