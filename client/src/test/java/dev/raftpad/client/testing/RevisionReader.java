package dev.raftpad.client.testing;

import dev.raftpad.client.sdk.events.RaftpadEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one Subscribe stream received of a document, in arrival order: the revisions of its
 * committed operations, and whether it was ever told to resync. Tests that kill or replace nodes
 * check that each reader got every revision once and in order, with no resync.
 */
public final class RevisionReader {
  private final List<Long> revisions = new CopyOnWriteArrayList<>();
  private final AtomicBoolean resynced = new AtomicBoolean();

  /** The listener to subscribe with. */
  public void on(RaftpadEvent event) {
    switch (event) {
      case RaftpadEvent.OperationCommitted op -> revisions.add(op.revision());
      case RaftpadEvent.ResyncNeeded r -> resynced.set(true);
      default -> {}
    }
  }

  /** The revisions received so far, in arrival order. */
  public List<Long> revisions() {
    return List.copyOf(revisions);
  }

  public int received() {
    return revisions.size();
  }

  public boolean resynced() {
    return resynced.get();
  }
}
