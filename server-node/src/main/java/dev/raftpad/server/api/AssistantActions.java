package dev.raftpad.server.api;

import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.review.Suggestions;
import dev.raftpad.proto.v1.AiCompleted;
import dev.raftpad.proto.v1.CommentAction;
import dev.raftpad.proto.v1.CommentCommand;
import dev.raftpad.proto.v1.SubmitOperationCommand;
import dev.raftpad.server.state.CommandResult;
import dev.raftpad.server.state.Commands;
import dev.raftpad.server.state.CommentResult;
import dev.raftpad.server.state.EditResult;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The AI assistant as a collaborator (ADR 0012): a rewrite submitted as the assistant's suggestion,
 * a summary posted as the assistant's comment — ordinary log commands, credited to the assistant
 * and to the user who asked, so every collaborator sees them live and reviews them like anyone's.
 */
final class AssistantActions {
  /** A summary longer than a comment may hold is cut here, with a mark that it was. */
  private static final int MAX_COMMENT_CODE_POINTS = 10_000;

  private final Replicator replicator;

  AssistantActions(Replicator replicator) {
    this.replicator = replicator;
  }

  /**
   * Submits {@code change} (made against the source's revision) as the assistant's suggestion, and
   * records on {@code completed} what it became; nothing when there is nothing to change.
   */
  CompletableFuture<AiCompleted.Builder> suggest(
      AiGrpcService.Source source, Operation change, String userId, AiCompleted.Builder completed) {
    if (change.isIdentity()) {
      return CompletableFuture.completedFuture(completed);
    }
    String id = "ai" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    Operation suggestion = Suggestions.suggest(change, source.content(), id, unused -> false);
    return replicator
        .propose(
            Commands.submitOperation(
                SubmitOperationCommand.newBuilder()
                    .setDocumentId(source.documentId())
                    .setUserId(userId)
                    .setClientId("assistant-" + UUID.randomUUID())
                    .setClientSeq(1)
                    .setBaseRevision(source.revision())
                    .setOperation(OperationCodec.toWire(suggestion))
                    .setByAssistant(true)))
        .thenApply(
            result ->
                switch (result) {
                  case CommandResult.Applied<EditResult> applied ->
                      completed
                          .setSuggestionId(id)
                          .setSuggestionRevision(applied.value().revision());
                  case CommandResult.Refused<EditResult> refused -> throw Statuses.refused(refused);
                });
  }

  /** Posts {@code summary} as the assistant's comment on the summarized range. */
  CompletableFuture<AiCompleted.Builder> comment(
      AiGrpcService.Source source, String summary, String userId, AiCompleted.Builder completed) {
    String text = summary.strip();
    if (text.codePointCount(0, text.length()) > MAX_COMMENT_CODE_POINTS) {
      text = text.substring(0, text.offsetByCodePoints(0, MAX_COMMENT_CODE_POINTS - 1)) + "…";
    }
    if (text.isEmpty()) {
      return CompletableFuture.completedFuture(completed);
    }
    return replicator
        .propose(
            Commands.comment(
                CommentCommand.newBuilder()
                    .setDocumentId(source.documentId())
                    .setUserId(userId)
                    .setClientId("assistant-" + UUID.randomUUID())
                    .setClientSeq(1)
                    .setAction(CommentAction.COMMENT_ACTION_START)
                    .setBaseRevision(source.revision())
                    .setStart(source.start())
                    .setEnd(
                        source.start() + source.text().codePointCount(0, source.text().length()))
                    .setText(text)
                    .setByAssistant(true)))
        .thenApply(
            result ->
                switch (result) {
                  case CommandResult.Applied<CommentResult> applied ->
                      completed.setThreadId(applied.value().thread().getThreadId());
                  case CommandResult.Refused<CommentResult> refused ->
                      throw Statuses.refused(refused);
                });
  }
}
