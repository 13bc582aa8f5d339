package dev.raftpad.server.api;

import dev.raftpad.codec.InvalidInputException;
import dev.raftpad.proto.v1.EditChannelRequest;
import dev.raftpad.proto.v1.EditChannelResponse;
import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.proto.v1.SubmitOperationCommand;
import dev.raftpad.proto.v1.SubmitOperationRequest;
import dev.raftpad.proto.v1.SubmitOperationResponse;
import dev.raftpad.server.state.Commands;
import dev.raftpad.server.state.EditResult;
import dev.raftpad.server.state.SessionIndex;
import dev.raftpad.server.state.TypedCommand;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Edits: the operation enters the log as received; every replica transforms it at apply time
 * against what was committed since its base revision. The answer comes after commit and apply. A
 * unary SubmitOperation for scripts; the {@link EditChannel} stream for editing sessions.
 */
public final class EditGrpcService extends EditServiceGrpc.EditServiceImplBase {
  private final Replicator replicator;
  private final EditChannel.Services channelServices;

  public EditGrpcService(
      Replicator replicator,
      EventGrpcService events,
      EventHub hub,
      RateLimiter rateLimiter,
      ScheduledExecutorService timers) {
    this.replicator = replicator;
    this.channelServices =
        new EditChannel.Services(
            replicator, events, new CursorRelay(replicator, hub), rateLimiter, timers);
  }

  @Override
  public void submitOperation(
      SubmitOperationRequest request, StreamObserver<SubmitOperationResponse> response) {
    TypedCommand<EditResult> edit;
    try {
      edit = command(Caller.session(), request);
    } catch (StatusRuntimeException refused) {
      response.onError(refused);
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

  @Override
  public StreamObserver<EditChannelRequest> editChannel(
      StreamObserver<EditChannelResponse> responses) {
    return EditChannel.start(
        Caller.session(),
        (ServerCallStreamObserver<EditChannelResponse>) responses,
        channelServices);
  }

  /**
   * The log command of a submit, decoded (and validated) once, here, before anything is proposed:
   * the leader's apply reuses this decoding instead of decoding the logged bytes again.
   *
   * @throws StatusRuntimeException INVALID_ARGUMENT for bad input, or an operation too large
   */
  static TypedCommand<EditResult> command(
      SessionIndex.Session session, SubmitOperationRequest request) {
    TypedCommand<EditResult> edit;
    try {
      Inputs.id("document_id", request.getDocumentId());
      Inputs.clientSequence(request.getClientId(), request.getClientSeq());
      edit =
          Commands.submitOperation(
              SubmitOperationCommand.newBuilder()
                  .setDocumentId(request.getDocumentId())
                  .setUserId(session.userId())
                  .setClientId(request.getClientId())
                  .setClientSeq(request.getClientSeq())
                  .setBaseRevision(request.getBaseRevision())
                  .setOperation(request.getOperation()));
    } catch (InvalidInputException e) {
      throw Statuses.invalid(e);
    }
    var tooLarge = OperationLimits.tooLarge(edit.decoded().orElseThrow());
    if (tooLarge.isPresent()) {
      throw tooLarge.get();
    }
    return edit;
  }
}
