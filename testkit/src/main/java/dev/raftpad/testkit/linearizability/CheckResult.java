package dev.raftpad.testkit.linearizability;

import java.util.List;

/** The verdict on a history. */
public sealed interface CheckResult {
  /** Every partition has a linearization. */
  record Linearizable(int operations, int partitions) implements CheckResult {}

  /** This partition's operations have no linearization. */
  record NotLinearizable(Object partitionKey, List<? extends Operation<?, ?>> operations)
      implements CheckResult {}

  /** The search exceeded its budget in this partition before deciding. */
  record Undecided(Object partitionKey, long steps) implements CheckResult {}
}
