package dev.raftpad.server.api;

import dev.raftpad.codec.InvalidInputException;
import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.proto.v1.SubmitOperationCommand;
import dev.raftpad.proto.v1.SubmitOperationRequest;
import dev.raftpad.proto.v1.SubmitOperationResponse;
import dev.raftpad.server.state.Commands;
import dev.raftpad.server.state.EditResult;
import dev.raftpad.server.state.SessionIndex;
import dev.raftpad.server.state.TypedCommand;
import io.grpc.stub.StreamObserver;

/**
 * Edits: the operation enters the log as received; every replica transforms it at apply time
 * against what was committed since its base revision. The answer comes after commit and apply.
 */
public final class EditGrpcService extends EditServiceGrpc.EditServiceImplBase {
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
      var tooLarge = OperationLimits.tooLarge(edit.decoded().orElseThrow());
      if (tooLarge.isPresent()) {
        response.onError(tooLarge.get());
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
}
