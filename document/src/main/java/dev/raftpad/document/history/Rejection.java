package dev.raftpad.document.history;

import java.util.List;

/** Why a submission was refused. Expected outcomes, returned as values, never thrown. */
public sealed interface Rejection {
  /** A sentence for logs and error details. */
  String message();

  /**
   * The base revision is ahead of the log: the client claims to have seen revisions that do not
   * exist.
   *
   * @param baseRevision the submitted base
   * @param headRevision the newest revision
   */
  record BaseRevisionInFuture(long baseRevision, long headRevision) implements Rejection {
    @Override
    public String message() {
      return "base revision " + baseRevision + " is ahead of the newest revision " + headRevision;
    }
  }

  /**
   * The base revision is older than the retained history, so the operation cannot be transformed:
   * the client must resync from a snapshot and resubmit.
   *
   * @param baseRevision the submitted base
   * @param oldestRetained the oldest revision still transformable against
   */
  record HistoryCompacted(long baseRevision, long oldestRetained) implements Rejection {
    @Override
    public String message() {
      return "base revision "
          + baseRevision
          + " is older than the retained history (from "
          + oldestRetained
          + "): resync from a snapshot";
    }
  }

  /**
   * The operation spans more code points than the document had at its base revision.
   *
   * @param operationLength code points the operation retains or deletes
   * @param documentLength code points at the base revision
   */
  record OperationDoesNotFit(long operationLength, int documentLength) implements Rejection {
    @Override
    public String message() {
      return "operation spans "
          + operationLength
          + " code points, the document had "
          + documentLength
          + " at its base revision";
    }
  }

  /**
   * The operation is malformed (see {@link dev.raftpad.document.op.Operation#problems()}).
   *
   * @param problems what is wrong
   */
  record InvalidOperation(List<String> problems) implements Rejection {
    /** Copies the list. */
    public InvalidOperation {
      problems = List.copyOf(problems);
    }

    @Override
    public String message() {
      return "invalid operation: " + String.join("; ", problems);
    }
  }

  /**
   * The client's sequence number is older than its newest applied one but unknown: a client sends
   * its operations in sequence order and only ever resends the newest.
   *
   * @param clientSeq the submitted sequence number
   * @param lastApplied the newest applied sequence number of this client
   */
  record StaleSequence(long clientSeq, long lastApplied) implements Rejection {
    @Override
    public String message() {
      return "client sequence "
          + clientSeq
          + " is older than the last applied "
          + lastApplied
          + " and not known";
    }
  }

  /**
   * The revision asked for is not in the retained history.
   *
   * @param revision the revision asked for
   * @param oldestRetained the oldest retained revision
   * @param headRevision the newest revision
   */
  record NoSuchRevision(long revision, long oldestRetained, long headRevision)
      implements Rejection {
    @Override
    public String message() {
      return "revision "
          + revision
          + " is not in the retained history "
          + oldestRetained
          + ".."
          + headRevision;
    }
  }

  /**
   * The author may only suggest (a commenter, ADR 0012), and the operation does more: it changes
   * text or formatting directly, or uses or removes someone else's suggestion.
   */
  record OnlySuggestionsAllowed() implements Rejection {
    @Override
    public String message() {
      return "you may only suggest changes: insert text marked as your suggestion, mark text as"
          + " suggested for deletion, or remove your own suggestions";
    }
  }
}
