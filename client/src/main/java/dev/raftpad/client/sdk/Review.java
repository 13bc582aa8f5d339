package dev.raftpad.client.sdk;

import dev.raftpad.client.sdk.internal.CallKind;
import dev.raftpad.client.sdk.internal.Connection;
import dev.raftpad.client.sdk.internal.Wire;
import dev.raftpad.client.sdk.model.CommentThread;
import dev.raftpad.client.sdk.model.DocumentReview;
import dev.raftpad.document.op.Selection;
import dev.raftpad.document.review.Decision;
import dev.raftpad.proto.v1.CommentResponse;
import dev.raftpad.proto.v1.DeleteCommentRequest;
import dev.raftpad.proto.v1.EditCommentRequest;
import dev.raftpad.proto.v1.GetReviewRequest;
import dev.raftpad.proto.v1.ReplyRequest;
import dev.raftpad.proto.v1.ResolveSuggestionsRequest;
import dev.raftpad.proto.v1.ResolveThreadRequest;
import dev.raftpad.proto.v1.ReviewServiceGrpc;
import dev.raftpad.proto.v1.ReviewServiceGrpc.ReviewServiceBlockingStub;
import dev.raftpad.proto.v1.StartThreadRequest;
import dev.raftpad.proto.v1.SuggestionDecision;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Comments and suggestions outside an editing session (scripts, the CLI): read a document's review,
 * start and answer threads, resolve them, accept or reject suggestions (ADR 0012). Every change
 * carries this object's client id and the next sequence number, so a retry after a lost answer is
 * applied once. Blocking; failures are {@link RaftpadException}s ({@code NOT_ALLOWED}, {@code
 * COMMENT_NOT_FOUND}, {@code NOT_COMMENT_AUTHOR}, {@code SUGGESTION_NOT_FOUND}).
 *
 * <p>Inside an editing session, accept and reject through the session instead: there they are edits
 * of the text the user sees, and Undo takes them back.
 */
public final class Review {
  private final Connection connection;
  private final String clientId = "review-" + UUID.randomUUID();
  private final AtomicLong seq = new AtomicLong();

  Review(Connection connection) {
    this.connection = connection;
  }

  /** What a comment change did. */
  public record CommentChange(
      CommentThread thread, String commentId, long revision, boolean duplicate) {}

  /** The suggestions and threads at the head (needs a viewer's role). */
  public DocumentReview get(String documentId) {
    return Wire.review(
        call(
                CallKind.READ,
                stub ->
                    stub.getReview(GetReviewRequest.newBuilder().setDocumentId(documentId).build()))
            .getReview());
  }

  /**
   * Starts a thread on {@code range} (at least one code point) of the document at {@code revision};
   * the server moves it through whatever was typed since. "@username" in the text mentions that
   * user.
   */
  public CommentChange startThread(String documentId, long revision, Selection range, String text) {
    StartThreadRequest request =
        StartThreadRequest.newBuilder()
            .setDocumentId(documentId)
            .setClientId(clientId)
            .setClientSeq(seq.incrementAndGet())
            .setBaseRevision(revision)
            .setRange(Wire.selection(range))
            .setText(text)
            .build();
    return change(call(CallKind.IDEMPOTENT_WRITE, stub -> stub.startThread(request)));
  }

  public CommentChange reply(String documentId, String threadId, String text) {
    ReplyRequest request =
        ReplyRequest.newBuilder()
            .setDocumentId(documentId)
            .setClientId(clientId)
            .setClientSeq(seq.incrementAndGet())
            .setThreadId(threadId)
            .setText(text)
            .build();
    return change(call(CallKind.IDEMPOTENT_WRITE, stub -> stub.reply(request)));
  }

  /** Changes the text of one's own comment. */
  public CommentChange edit(String documentId, String threadId, String commentId, String text) {
    EditCommentRequest request =
        EditCommentRequest.newBuilder()
            .setDocumentId(documentId)
            .setClientId(clientId)
            .setClientSeq(seq.incrementAndGet())
            .setThreadId(threadId)
            .setCommentId(commentId)
            .setText(text)
            .build();
    return change(call(CallKind.IDEMPOTENT_WRITE, stub -> stub.editComment(request)));
  }

  /** Deletes a comment (its author or the owner); a thread's first comment deletes the thread. */
  public CommentChange delete(String documentId, String threadId, String commentId) {
    DeleteCommentRequest request =
        DeleteCommentRequest.newBuilder()
            .setDocumentId(documentId)
            .setClientId(clientId)
            .setClientSeq(seq.incrementAndGet())
            .setThreadId(threadId)
            .setCommentId(commentId)
            .build();
    return change(call(CallKind.IDEMPOTENT_WRITE, stub -> stub.deleteComment(request)));
  }

  /** Resolves ({@code true}) or reopens a thread. */
  public CommentChange resolve(String documentId, String threadId, boolean resolved) {
    ResolveThreadRequest request =
        ResolveThreadRequest.newBuilder()
            .setDocumentId(documentId)
            .setClientId(clientId)
            .setClientSeq(seq.incrementAndGet())
            .setThreadId(threadId)
            .setResolved(resolved)
            .build();
    return change(call(CallKind.IDEMPOTENT_WRITE, stub -> stub.resolveThread(request)));
  }

  /**
   * Accepts or rejects suggestions ({@code ids} empty: every suggestion in the document), as one
   * revision computed by the server from the head (needs an editor's role).
   *
   * @return the revision it became (the head if there was nothing to resolve)
   */
  public long resolveSuggestions(String documentId, List<String> ids, Decision decision) {
    ResolveSuggestionsRequest request =
        ResolveSuggestionsRequest.newBuilder()
            .setDocumentId(documentId)
            .setClientId(clientId)
            .setClientSeq(seq.incrementAndGet())
            .addAllSuggestionIds(ids)
            .setAll(ids.isEmpty())
            .setDecision(
                decision == Decision.ACCEPT
                    ? SuggestionDecision.SUGGESTION_DECISION_ACCEPT
                    : SuggestionDecision.SUGGESTION_DECISION_REJECT)
            .build();
    return call(CallKind.IDEMPOTENT_WRITE, stub -> stub.resolveSuggestions(request)).getRevision();
  }

  private static CommentChange change(CommentResponse response) {
    return new CommentChange(
        Wire.thread(response.getThread()),
        response.getCommentId(),
        response.getRevision(),
        response.getDuplicate());
  }

  private <T> T call(CallKind kind, Function<ReviewServiceBlockingStub, T> rpc) {
    return connection.call(
        kind,
        a -> rpc.apply(ReviewServiceGrpc.newBlockingStub(a.channel()).withDeadline(a.deadline())));
  }
}
