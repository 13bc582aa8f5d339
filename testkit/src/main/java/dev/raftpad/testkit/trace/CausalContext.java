package dev.raftpad.testkit.trace;

import dev.raftpad.testkit.trace.EditingTrace.Concurrent;
import dev.raftpad.testkit.trace.EditingTrace.ConcurrentTransaction;
import java.util.Arrays;

/**
 * What each transaction of a concurrent trace knew: for every agent, the newest of its transactions
 * in the causal past (a version vector). Each agent's transactions are totally ordered, so "knows
 * transaction t" is {@code t <= known(i, agent(t))}.
 */
final class CausalContext {
  private final int[][] newestKnown;
  private final int[] agentOf;

  CausalContext(Concurrent trace) {
    int count = trace.transactions().size();
    newestKnown = new int[count][];
    agentOf = new int[count];
    for (int i = 0; i < count; i++) {
      ConcurrentTransaction txn = trace.transactions().get(i);
      agentOf[i] = txn.agent();
      int[] known = new int[trace.agents()];
      Arrays.fill(known, -1);
      for (int parent : txn.parents()) {
        if (parent >= i) {
          throw new IllegalArgumentException("transaction " + i + " has a later parent " + parent);
        }
        int[] parentKnown = newestKnown[parent];
        for (int agent = 0; agent < known.length; agent++) {
          known[agent] = Math.max(known[agent], parentKnown[agent]);
        }
        known[agentOf[parent]] = Math.max(known[agentOf[parent]], parent);
      }
      newestKnown[i] = known;
    }
  }

  int agentOf(int txn) {
    return agentOf[txn];
  }

  /** The newest transaction of {@code agent} that transaction {@code txn} knew, or -1. */
  int newestKnown(int txn, int agent) {
    return newestKnown[txn][agent];
  }

  /** Whether transaction {@code txn} saw the effects of transaction {@code other} (or is it). */
  boolean sees(int txn, int other) {
    return other == txn || other <= newestKnown[txn][agentOf[other]];
  }
}
