package dev.raftpad.testkit.trace;

import java.time.Instant;
import java.util.List;

/**
 * An editing trace (the format of josephg/editing-traces, see the document module's
 * src/test/resources/traces/README.md): a sequential one, a single history; or a concurrent one, a
 * causal graph of several agents' edits.
 */
public sealed interface EditingTrace {
  /** The trace's name (its file name without extensions). */
  String name();

  /** The text every correct replay ends with. */
  String endContent();

  /** The number of patches. */
  int patchCount();

  /**
   * One splice: delete {@code deleted} code points at {@code position}, then insert {@code
   * inserted} there.
   *
   * @param position where, in code points
   * @param deleted how many code points to delete
   * @param inserted what to insert (may be empty)
   */
  record Patch(int position, int deleted, String inserted) {}

  /**
   * A sequential trace: transactions applied one after another.
   *
   * @param name the trace's name
   * @param startContent the text before the first transaction
   * @param endContent the text after the last
   * @param transactions the transactions in order
   */
  record Sequential(
      String name, String startContent, String endContent, List<Transaction> transactions)
      implements EditingTrace {
    @Override
    public int patchCount() {
      return transactions.stream().mapToInt(t -> t.patches().size()).sum();
    }
  }

  /**
   * One user action of a sequential trace.
   *
   * @param time when
   * @param patches applied in order
   */
  record Transaction(Instant time, List<Patch> patches) {}

  /**
   * A concurrent trace: each transaction made by one agent against the merge of its parents.
   *
   * @param name the trace's name
   * @param endContent the text after merging everything
   * @param agents the number of agents
   * @param transactions the transactions, parents before children
   */
  record Concurrent(
      String name, String endContent, int agents, List<ConcurrentTransaction> transactions)
      implements EditingTrace {
    @Override
    public int patchCount() {
      return transactions.stream().mapToInt(t -> t.patches().size()).sum();
    }
  }

  /**
   * One transaction of a concurrent trace.
   *
   * @param parents indexes of the transactions it directly follows
   * @param agent who made it
   * @param time when
   * @param patches applied in order, relative to the merged state of the parents
   */
  record ConcurrentTransaction(
      List<Integer> parents, int agent, Instant time, List<Patch> patches) {}
}
