package dev.raftpad.server.api;

import dev.raftpad.codec.InvalidInputException;
import dev.raftpad.document.op.Delete;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.SubmitOperationCommand;
import dev.raftpad.proto.v1.SubmitOperationRequest;
import dev.raftpad.proto.v1.SubmitOperationResponse;
import dev.raftpad.server.state.CommandResult;
import dev.raftpad.server.state.Commands;
import dev.raftpad.server.state.EditResult;
import dev.raftpad.server.state.SessionIndex;
import dev.raftpad.server.state.TypedCommand;
import io.grpc.stub.StreamObserver;
import java.util.Map;

/**
 * Edits: the operation enters the log as received; every replica transforms it at apply time
 * against what was committed since its base revision. The answer comes after commit and apply.
 */
public final class EditGrpcService extends EditServiceGrpc.EditServiceImplBase {
  /** The largest operation accepted, in inserted code points. */
  static final int MAX_INSERTED_CODE_POINTS = 100_000;

  private final Replicator replicator;

  public EditGrpcService(Replicator replicator) {
    this.replicator = replicator;
  }

  @Override
  public void submitOperation(
      SubmitOperationRequest request, StreamObserver<SubmitOperationResponse> response) {
    SessionIndex.Session session = Caller.session();
    TypedCommand<EditResult> edit;
    try {
      Inputs.id("document_id", request.getDocumentId());
      Inputs.clientSequence(request.getClientId(), request.getClientSeq());
      // Decoded (and validated) once, here, before anything is proposed; the leader's apply reuses
      // this decoding instead of decoding the logged bytes again.
      edit =
          Commands.submitOperation(
              SubmitOperationCommand.newBuilder()
                  .setDocumentId(request.getDocumentId())
                  .setUserId(session.userId())
                  .setClientId(request.getClientId())
                  .setClientSeq(request.getClientSeq())
                  .setBaseRevision(request.getBaseRevision())
                  .setOperation(request.getOperation()));
      Operation operation = edit.decoded().orElseThrow();
      int inserted = operation.lengthChange() + deleted(operation);
      if (inserted > MAX_INSERTED_CODE_POINTS) {
        response.onError(
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
        return;
      }
    } catch (InvalidInputException e) {
      response.onError(Statuses.invalid(e));
      return;
    }
    Replies.fromCommand(
        replicator.propose(edit),
        response,
        replicator,
        result ->
            SubmitOperationResponse.newBuilder()
                .setRevision(result.revision())
                .setDuplicate(result.duplicate())
                .build());
  }

  private static int deleted(Operation operation) {
    int deleted = 0;
    for (var component : operation.components()) {
      if (component instanceof Delete d) {
        deleted += d.count();
      }
    }
    return deleted;
  }
}
