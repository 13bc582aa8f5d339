package dev.raftpad.server.state;

import dev.raftpad.document.op.Operation;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The leader decodes an edit once. Its service decodes (and strictly validates) the operation
 * before proposing anything — to refuse bad input and oversized edits without touching the log —
 * and remembers the result here, keyed by the very byte array it proposes. Raft shares that array
 * unchanged from the proposal to the committed entry ({@code Entry} is never copied), so when the
 * leader applies the entry, {@link CollabState} finds the operation by identity and does not decode
 * the bytes a second time.
 *
 * <p>Why this cannot change a result: the command's operation and the remembered one come from the
 * same wire value ({@link Commands#submitOperation}), and decoding is a pure function of it, so the
 * remembered operation equals what decoding the applied bytes would give. A follower, a restarted
 * node, or an entry re-read from disk finds nothing here and decodes, as every replica did before.
 * Entries are removed when applied, and by the proposer when its proposal completes either way
 * (lost, not leader), so nothing accumulates.
 */
public final class DecodedOperations {
  private final Map<byte[], Operation> byProposal =
      Collections.synchronizedMap(new IdentityHashMap<>());
  private final AtomicLong reused = new AtomicLong();

  /** Any thread, before proposing {@code proposal}. */
  public void remember(byte[] proposal, Operation decoded) {
    byProposal.put(proposal, decoded);
  }

  /** Any thread, once the proposal completed (applied or not). */
  public void forget(byte[] proposal) {
    byProposal.remove(proposal);
  }

  /** On the loop thread: the operation remembered for exactly this array, or {@code null}. */
  Operation take(byte[] applied) {
    Operation decoded = byProposal.remove(applied);
    if (decoded != null) {
      reused.incrementAndGet();
    }
    return decoded;
  }

  /** How many applies took a remembered operation instead of decoding (any thread). */
  public long reused() {
    return reused.get();
  }

  /** How many proposals are remembered and not yet applied or completed (any thread). */
  public int pending() {
    return byProposal.size();
  }
}
