package dev.raftpad.server.state;

import dev.raftpad.document.history.Rejection;
import dev.raftpad.proto.v1.ErrorReason;
import java.util.Map;

/** The refusals more than one part of the state gives, worded in one place. */
public final class Refusals {
  private Refusals() {}

  public static <T> CommandResult.Refused<T> notFound(String documentId) {
    return new CommandResult.Refused<>(
        ErrorReason.ERROR_REASON_DOCUMENT_NOT_FOUND,
        "no document " + documentId,
        Map.of("document_id", documentId));
  }

  /** A revision the document's log does not hold (asked for by a read, not an edit). */
  public static <T> CommandResult.Refused<T> noRevision(long revision, long head) {
    return new CommandResult.Refused<>(
        ErrorReason.ERROR_REASON_REVISION_IN_FUTURE,
        "no revision " + revision + " (head " + head + ")",
        Map.of());
  }

  /**
   * The caller's role does not allow what it asked: PERMISSION_DENIED (NOT_ALLOWED) naming the role
   * needed and the caller's.
   */
  public static <T> CommandResult.Refused<T> notAllowed(Role required, Role yours) {
    return new CommandResult.Refused<>(
        ErrorReason.ERROR_REASON_NOT_ALLOWED,
        yours == Role.NONE
            ? "this document is not shared with you; this needs " + article(required) + " role"
            : "your role on this document is "
                + yours.name().toLowerCase(java.util.Locale.ROOT)
                + "; this needs "
                + article(required)
                + " role",
        Map.of("required_role", required.name(), "your_role", yours.name()));
  }

  private static String article(Role role) {
    String name = role.name().toLowerCase(java.util.Locale.ROOT);
    return (name.startsWith("e") || name.startsWith("o") ? "an " : "a ") + name + "'s";
  }

  /** Why the document's log turned an edit, a restore or a version name down. */
  static <T> CommandResult.Refused<T> of(Rejection rejection) {
    return switch (rejection) {
      case Rejection.BaseRevisionInFuture r ->
          new CommandResult.Refused<>(
              ErrorReason.ERROR_REASON_REVISION_IN_FUTURE,
              "base revision " + r.baseRevision() + " is after the head " + r.headRevision(),
              Map.of("head_revision", String.valueOf(r.headRevision())));
      case Rejection.HistoryCompacted r ->
          new CommandResult.Refused<>(
              ErrorReason.ERROR_REASON_REVISION_COMPACTED,
              "base revision " + r.baseRevision() + " is older than the retained history; reload",
              Map.of("oldest_retained", String.valueOf(r.oldestRetained())));
      case Rejection.OperationDoesNotFit r ->
          CommandResult.Refused.of(
              ErrorReason.ERROR_REASON_OPERATION_OUT_OF_RANGE,
              "the operation covers "
                  + r.operationLength()
                  + " code points but the document has "
                  + r.documentLength());
      case Rejection.InvalidOperation r ->
          CommandResult.Refused.of(
              ErrorReason.ERROR_REASON_INVALID_FIELD, String.join("; ", r.problems()));
      case Rejection.StaleSequence r ->
          CommandResult.Refused.of(
              ErrorReason.ERROR_REASON_INVALID_FIELD,
              "client_seq " + r.clientSeq() + " is older than the last applied " + r.lastApplied());
      case Rejection.NoSuchRevision r ->
          CommandResult.Refused.of(
              ErrorReason.ERROR_REASON_REVISION_IN_FUTURE, "no revision " + r.revision());
      case Rejection.OnlySuggestionsAllowed r ->
          new CommandResult.Refused<>(
              ErrorReason.ERROR_REASON_NOT_ALLOWED,
              r.message() + "; changing the text directly needs an editor's role",
              Map.of("required_role", Role.EDITOR.name(), "your_role", Role.COMMENTER.name()));
    };
  }
}
