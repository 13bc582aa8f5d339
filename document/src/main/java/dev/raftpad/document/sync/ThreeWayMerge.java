package dev.raftpad.document.sync;

import dev.raftpad.document.op.Operation;
import dev.raftpad.document.text.Document;

/**
 * The merge a resync falls back on when the operations a client missed are gone: the client's
 * edits, made on {@code base}, carried onto {@code head}, a later content of the same document
 * reached by operations the client never saw.
 *
 * <p>What the others did is recovered as a diff ({@code base} to {@code head}); the client's own
 * edits are its real operations, not a diff, so their formatting and positions are kept exactly,
 * and then they are transformed past the diff as if the diff were one concurrent operation. An
 * insert survives any transform, so nothing the client typed is lost; text the others deleted and
 * the client also deleted is deleted once. The others' text goes first where both inserted at one
 * place (it is already on everyone's screen).
 */
public final class ThreeWayMerge {
  private ThreeWayMerge() {}

  /**
   * The client's edits as one operation on {@code head}.
   *
   * @param base the content the client's edits were made on
   * @param local the client's edits, an operation on {@code base}
   * @param head the content now, which {@code base} led to
   */
  public static Operation carry(Document base, Operation local, Document head) {
    if (local.isIdentity()) {
      return Operation.IDENTITY;
    }
    Operation theirs = base.diffTo(head);
    return theirs.transform(local, true);
  }
}
