package dev.raftpad.benchmarks.raft;

import java.util.concurrent.CompletableFuture;

/** A running three-node cluster under benchmark: proposals go to its leader over gRPC. */
interface BenchCluster extends AutoCloseable {
  /**
   * Proposes {@code command} on connection {@code worker % connections}; completes once applied.
   */
  CompletableFuture<?> propose(int worker, byte[] command);

  /** How many commands the leader's state machine applied (a check that the load did happen). */
  long applied();

  @Override
  void close() throws Exception;
}
