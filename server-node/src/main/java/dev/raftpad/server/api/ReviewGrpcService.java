package dev.raftpad.server.api;

import dev.raftpad.codec.InvalidInputException;
import dev.raftpad.proto.v1.CommentAction;
import dev.raftpad.proto.v1.CommentCommand;
import dev.raftpad.proto.v1.CommentResponse;
import dev.raftpad.proto.v1.DeleteCommentRequest;
import dev.raftpad.proto.v1.EditCommentRequest;
import dev.raftpad.proto.v1.GetReviewRequest;
import dev.raftpad.proto.v1.GetReviewResponse;
import dev.raftpad.proto.v1.ReplyRequest;
import dev.raftpad.proto.v1.ResolveSuggestionsCommand;
import dev.raftpad.proto.v1.ResolveSuggestionsRequest;
import dev.raftpad.proto.v1.ResolveSuggestionsResponse;
import dev.raftpad.proto.v1.ResolveThreadRequest;
import dev.raftpad.proto.v1.ReviewServiceGrpc;
import dev.raftpad.proto.v1.StartThreadRequest;
import dev.raftpad.proto.v1.SuggestionDecision;
import dev.raftpad.server.state.CollabState;
import dev.raftpad.server.state.CommandResult;
import dev.raftpad.server.state.Commands;
import dev.raftpad.server.state.CommentResult;
import dev.raftpad.server.state.Role;
import dev.raftpad.server.wire.ReviewWire;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;

/**
 * Comments and suggestions (ADR 0012): a thin service. Every change is a log command judged by the
 * state at apply time (roles, authorship, exactly once by client id and sequence); reads check
 * access through {@link Permissions}.
 */
public final class ReviewGrpcService extends ReviewServiceGrpc.ReviewServiceImplBase {
  /** Suggestion ids one resolve call may name. */
  static final int MAX_SUGGESTION_IDS = 1_000;

  private final Replicator replicator;

  public ReviewGrpcService(Replicator replicator) {
    this.replicator = replicator;
  }

  @Override
  public void getReview(GetReviewRequest request, StreamObserver<GetReviewResponse> response) {
    String userId = Caller.session().userId();
    Replies.from(
        replicator.read(
            state -> {
              Permissions.require(state, request.getDocumentId(), userId, Role.VIEWER);
              return GetReviewResponse.newBuilder()
                  .setReview(ReviewWire.review(state, request.getDocumentId()))
                  .build();
            }),
        response,
        replicator);
  }

  @Override
  public void startThread(StartThreadRequest request, StreamObserver<CommentResponse> response) {
    if (!request.hasRange()) {
      response.onError(
          Statuses.invalid(new InvalidInputException("range", "a comment needs a range")));
      return;
    }
    int start = Math.min(request.getRange().getAnchor(), request.getRange().getHead());
    int end = Math.max(request.getRange().getAnchor(), request.getRange().getHead());
    comment(
        request.getDocumentId(),
        request.getClientId(),
        request.getClientSeq(),
        CommentCommand.newBuilder()
            .setAction(CommentAction.COMMENT_ACTION_START)
            .setText(request.getText())
            .setBaseRevision(request.getBaseRevision())
            .setStart(start)
            .setEnd(end),
        response);
  }

  @Override
  public void reply(ReplyRequest request, StreamObserver<CommentResponse> response) {
    comment(
        request.getDocumentId(),
        request.getClientId(),
        request.getClientSeq(),
        CommentCommand.newBuilder()
            .setAction(CommentAction.COMMENT_ACTION_REPLY)
            .setThreadId(request.getThreadId())
            .setText(request.getText()),
        response);
  }

  @Override
  public void editComment(EditCommentRequest request, StreamObserver<CommentResponse> response) {
    comment(
        request.getDocumentId(),
        request.getClientId(),
        request.getClientSeq(),
        CommentCommand.newBuilder()
            .setAction(CommentAction.COMMENT_ACTION_EDIT)
            .setThreadId(request.getThreadId())
            .setCommentId(request.getCommentId())
            .setText(request.getText()),
        response);
  }

  @Override
  public void deleteComment(
      DeleteCommentRequest request, StreamObserver<CommentResponse> response) {
    comment(
        request.getDocumentId(),
        request.getClientId(),
        request.getClientSeq(),
        CommentCommand.newBuilder()
            .setAction(CommentAction.COMMENT_ACTION_DELETE)
            .setThreadId(request.getThreadId())
            .setCommentId(request.getCommentId()),
        response);
  }

  @Override
  public void resolveThread(
      ResolveThreadRequest request, StreamObserver<CommentResponse> response) {
    comment(
        request.getDocumentId(),
        request.getClientId(),
        request.getClientSeq(),
        CommentCommand.newBuilder()
            .setAction(
                request.getResolved()
                    ? CommentAction.COMMENT_ACTION_RESOLVE
                    : CommentAction.COMMENT_ACTION_REOPEN)
            .setThreadId(request.getThreadId()),
        response);
  }

  @Override
  public void resolveSuggestions(
      ResolveSuggestionsRequest request, StreamObserver<ResolveSuggestionsResponse> response) {
    String userId = Caller.session().userId();
    try {
      Inputs.clientSequence(request.getClientId(), request.getClientSeq());
      if (request.getDecision() != SuggestionDecision.SUGGESTION_DECISION_ACCEPT
          && request.getDecision() != SuggestionDecision.SUGGESTION_DECISION_REJECT) {
        throw new InvalidInputException("decision", "ACCEPT or REJECT");
      }
      if (request.getAll() == (request.getSuggestionIdsCount() > 0)) {
        throw new InvalidInputException(
            "suggestion_ids", "name the suggestions or set all, not both and not neither");
      }
      if (request.getSuggestionIdsCount() > MAX_SUGGESTION_IDS) {
        throw new InvalidInputException(
            "suggestion_ids", "at most " + MAX_SUGGESTION_IDS + " per call");
      }
    } catch (InvalidInputException e) {
      response.onError(Statuses.invalid(e));
      return;
    }
    Replies.fromCommand(
        replicator.propose(
            Commands.resolveSuggestions(
                ResolveSuggestionsCommand.newBuilder()
                    .setDocumentId(request.getDocumentId())
                    .setUserId(userId)
                    .setClientId(request.getClientId())
                    .setClientSeq(request.getClientSeq())
                    .addAllSuggestionIds(request.getSuggestionIdsList())
                    .setAccept(
                        request.getDecision() == SuggestionDecision.SUGGESTION_DECISION_ACCEPT))),
        response,
        replicator,
        edit ->
            ResolveSuggestionsResponse.newBuilder()
                .setRevision(edit.revision())
                .setDuplicate(edit.duplicate())
                .build());
  }

  /** Proposes one comment command and answers with the thread after it. */
  private void comment(
      String documentId,
      String clientId,
      long clientSeq,
      CommentCommand.Builder command,
      StreamObserver<CommentResponse> response) {
    String userId = Caller.session().userId();
    try {
      Inputs.clientSequence(clientId, clientSeq);
    } catch (InvalidInputException e) {
      response.onError(Statuses.invalid(e));
      return;
    }
    CompletableFuture<CommandResult<CommentResult>> applied =
        replicator.propose(
            Commands.comment(
                command
                    .setDocumentId(documentId)
                    .setUserId(userId)
                    .setClientId(clientId)
                    .setClientSeq(clientSeq)));
    // Users are named from the state on the loop thread that applied the command.
    CollabState state = replicator.state();
    Replies.fromCommand(
        applied,
        response,
        replicator,
        result ->
            CommentResponse.newBuilder()
                .setThread(ReviewWire.thread(result.thread(), state::publicUser))
                .setCommentId(result.commentId())
                .setRevision(result.revision())
                .setDuplicate(result.duplicate())
                .build());
  }
}
