package dev.raftpad.server.api;

import dev.raftpad.document.op.Insert;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.server.state.CommandResult;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import java.util.Optional;

/**
 * The size limit of one operation, the same for an edit and for a new document's initial text: at
 * most {@link #MAX_INSERTED_CODE_POINTS} inserted code points (a larger text is created and then
 * extended by further edits). Checked before anything is proposed.
 */
final class OperationLimits {
  /** The largest operation accepted, in inserted code points. */
  static final int MAX_INSERTED_CODE_POINTS = 100_000;

  private OperationLimits() {}

  /** TOO_LARGE (metadata {@code limit}, {@code actual}) when {@code operation} inserts too much. */
  static Optional<StatusRuntimeException> tooLarge(Operation operation) {
    long inserted = 0;
    for (var component : operation.components()) {
      if (component instanceof Insert insert) {
        inserted += insert.length();
      }
    }
    if (inserted <= MAX_INSERTED_CODE_POINTS) {
      return Optional.empty();
    }
    return Optional.of(
        Statuses.refused(
            new CommandResult.Refused<>(
                ErrorReason.ERROR_REASON_TOO_LARGE,
                "the operation inserts "
                    + inserted
                    + " code points; at most "
                    + MAX_INSERTED_CODE_POINTS
                    + " per operation",
                Map.of(
                    "limit",
                    String.valueOf(MAX_INSERTED_CODE_POINTS),
                    "actual",
                    String.valueOf(inserted)))));
  }
}
