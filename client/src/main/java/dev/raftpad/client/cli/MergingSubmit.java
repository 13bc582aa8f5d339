package dev.raftpad.client.cli;

import dev.raftpad.client.sdk.Edits;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.model.DocumentSnapshot;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.sync.ThreeWayMerge;
import dev.raftpad.document.text.Document;
import java.time.Duration;
import java.util.UUID;

/**
 * How {@code docs edit} submits a change made on a revision read minutes ago (an editor session
 * outlives failovers and pauses): as an operation on that revision, which the cluster transforms
 * past everything committed since, so it merges with what others typed. It is sent under one
 * (clientId, clientSeq) until an answer comes — the cluster applies it at most once — for as long
 * as the cluster is away (a leader change, no quorum for a while), up to {@code patience}. When the
 * revision it was made on is gone from the history, it is merged three ways — the text the user's
 * editor started from, the user's text, the head now ({@link ThreeWayMerge}) — and sent again on
 * the head.
 */
final class MergingSubmit {
  private MergingSubmit() {}

  /**
   * @param base the document as read, which {@code change} was made on
   * @param patience how long to keep trying while the cluster cannot answer
   * @throws RaftpadException when the cluster refuses the edit for good, or stays away
   */
  static Edits.Submitted submit(
      RaftpadClient client,
      String documentId,
      Document base,
      long baseRevision,
      Operation change,
      Duration patience) {
    String clientId = "cli-" + UUID.randomUUID();
    long seq = 1;
    Document on = base;
    long onRevision = baseRevision;
    Operation operation = change;
    long deadline = System.nanoTime() + patience.toNanos();
    long pauseMillis = 200;
    while (true) {
      try {
        return client.edits().submit(documentId, clientId, seq, onRevision, operation);
      } catch (RaftpadException e) {
        if (e.reason() == RaftpadException.Reason.REVISION_COMPACTED) {
          // Never applied (the base only gets older): carried onto the head under a new number.
          DocumentSnapshot head = client.documents().get(documentId);
          operation = ThreeWayMerge.carry(on, operation, head.content());
          on = head.content();
          onRevision = head.revision();
          seq++;
          if (operation.isIdentity()) {
            return new Edits.Submitted(onRevision, false);
          }
          continue;
        }
        if (!e.reason().isTransient() || System.nanoTime() > deadline) {
          throw e;
        }
      }
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RaftpadException(RaftpadException.Reason.CANCELLED, "interrupted");
      }
      pauseMillis = Math.min(pauseMillis * 2, 2_000);
    }
  }
}
