package dev.raftpad.server.api;

import dev.raftpad.codec.InvalidInputException;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.history.SubmitResult;
import dev.raftpad.proto.v1.Command;
import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.proto.v1.SubmitOperationCommand;
import dev.raftpad.proto.v1.SubmitOperationRequest;
import dev.raftpad.proto.v1.SubmitOperationResponse;
import dev.raftpad.server.state.SessionIndex;
import io.grpc.stub.StreamObserver;

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
    try {
      Inputs.id("document_id", request.getDocumentId());
      Inputs.clientSequence(request.getClientId(), request.getClientSeq());
      var operation = OperationCodec.fromWire(request.getOperation(), "operation");
      int inserted = operation.lengthChange() + deleted(operation);
      if (inserted > MAX_INSERTED_CODE_POINTS) {
        response.onError(
            Statuses.refused(
                new dev.raftpad.server.state.CommandResult.Refused(
                    dev.raftpad.proto.v1.ErrorReason.ERROR_REASON_TOO_LARGE,
                    "the operation inserts "
                        + inserted
                        + " code points; at most "
                        + MAX_INSERTED_CODE_POINTS
                        + " per operation",
                    java.util.Map.of(
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
        replicator.propose(
            Command.newBuilder()
                .setSubmitOperation(
                    SubmitOperationCommand.newBuilder()
                        .setDocumentId(request.getDocumentId())
                        .setUserId(session.userId())
                        .setClientId(request.getClientId())
                        .setClientSeq(request.getClientSeq())
                        .setBaseRevision(request.getBaseRevision())
                        .setOperation(request.getOperation()))),
        response,
        replicator,
        value ->
            switch ((SubmitResult) value) {
              case SubmitResult.Applied applied ->
                  SubmitOperationResponse.newBuilder().setRevision(applied.revision()).build();
              case SubmitResult.Duplicate duplicate ->
                  SubmitOperationResponse.newBuilder()
                      .setRevision(duplicate.revision())
                      .setDuplicate(true)
                      .build();
              case SubmitResult.Rejected rejected ->
                  throw new IllegalStateException("a rejection is a refusal, not a result");
            });
  }

  private static int deleted(dev.raftpad.document.op.Operation operation) {
    int deleted = 0;
    for (var component : operation.components()) {
      if (component instanceof dev.raftpad.document.op.Delete d) {
        deleted += d.count();
      }
    }
    return deleted;
  }
}
