package dev.raftpad.client.sdk;

import dev.raftpad.client.sdk.internal.CallKind;
import dev.raftpad.client.sdk.internal.Connection;
import dev.raftpad.client.sdk.internal.ErrorMapper;
import dev.raftpad.client.sdk.internal.Wire;
import dev.raftpad.client.sdk.model.AiEvent;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Selection;
import dev.raftpad.proto.v1.AiRequest;
import dev.raftpad.proto.v1.AiServiceGrpc;
import dev.raftpad.proto.v1.AskAiRequest;
import io.grpc.Context;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Summaries, grammar fixes, improved writing and answers to questions, streamed. Tokens go to the
 * listener on the event executor; the result future completes with the final event. The call is
 * retried (it changes nothing) until the first event arrives, never after. The server may answer
 * UNIMPLEMENTED or LLM_UNAVAILABLE.
 */
public final class Ai {
  /** Generation can take minutes on a CPU. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  private final Connection connection;

  Ai(Connection connection) {
    this.connection = connection;
  }

  /** What the server does with a result besides streaming it back (ADR 0012). */
  public enum Delivery {
    /** Nothing: the caller previews it (and submits a rewrite itself if it likes). */
    PREVIEW,
    /**
     * Fix grammar and improve writing: submitted as the assistant's suggestion, which every
     * collaborator sees live and an editor accepts or rejects (a commenter's role is enough).
     */
    AS_SUGGESTION,
    /** Summarize: posted as the assistant's comment on the summarized range (commenter). */
    AS_COMMENT
  }

  /**
   * Summarizes the document (or {@code range}) at {@code revision} (empty = head).
   *
   * @param onToken each piece of generated text
   */
  public AiCall summarize(
      String documentId,
      OptionalLong revision,
      Optional<Selection> range,
      Consumer<AiEvent.Token> onToken) {
    return summarize(documentId, revision, range, Delivery.PREVIEW, onToken);
  }

  /** As {@link #summarize}, delivered as asked ({@link Delivery#AS_COMMENT} posts it). */
  public AiCall summarize(
      String documentId,
      OptionalLong revision,
      Optional<Selection> range,
      Delivery delivery,
      Consumer<AiEvent.Token> onToken) {
    AiRequest request = request(documentId, revision, range, delivery);
    return run(stub -> stub.summarize(request), onToken);
  }

  /** Fixes grammar; the completed event carries the correction as an operation to preview. */
  public AiCall fixGrammar(
      String documentId,
      OptionalLong revision,
      Optional<Selection> range,
      Consumer<AiEvent.Token> onToken) {
    return fixGrammar(documentId, revision, range, Delivery.PREVIEW, onToken);
  }

  /** As {@link #fixGrammar}, delivered as asked ({@link Delivery#AS_SUGGESTION} submits it). */
  public AiCall fixGrammar(
      String documentId,
      OptionalLong revision,
      Optional<Selection> range,
      Delivery delivery,
      Consumer<AiEvent.Token> onToken) {
    AiRequest request = request(documentId, revision, range, delivery);
    return run(stub -> stub.fixGrammar(request), onToken);
  }

  /**
   * Rewrites the text to read better; the completed event carries the change as an operation to
   * preview, like {@link #fixGrammar}.
   */
  public AiCall improveWriting(
      String documentId,
      OptionalLong revision,
      Optional<Selection> range,
      Consumer<AiEvent.Token> onToken) {
    return improveWriting(documentId, revision, range, Delivery.PREVIEW, onToken);
  }

  /** As {@link #improveWriting}, delivered as asked ({@link Delivery#AS_SUGGESTION}). */
  public AiCall improveWriting(
      String documentId,
      OptionalLong revision,
      Optional<Selection> range,
      Delivery delivery,
      Consumer<AiEvent.Token> onToken) {
    AiRequest request = request(documentId, revision, range, delivery);
    return run(stub -> stub.improveWriting(request), onToken);
  }

  /**
   * Answers {@code question} about the document (or {@code range}) at {@code revision} (empty =
   * head). A document longer than the model's context is read in chunks on the LLM node; the server
   * refuses a blank question or one over 2,000 characters ({@code INVALID_ARGUMENT}).
   *
   * @param onToken each piece of the answer
   */
  public AiCall ask(
      String documentId,
      String question,
      OptionalLong revision,
      Optional<Selection> range,
      Consumer<AiEvent.Token> onToken) {
    AskAiRequest.Builder request =
        AskAiRequest.newBuilder().setDocumentId(documentId).setQuestion(question);
    revision.ifPresent(request::setRevision);
    range.ifPresent(r -> request.setRange(Wire.selection(r)));
    AskAiRequest built = request.build();
    return run(stub -> stub.ask(built), onToken);
  }

  private static AiRequest request(
      String documentId, OptionalLong revision, Optional<Selection> range, Delivery delivery) {
    AiRequest.Builder request =
        AiRequest.newBuilder()
            .setDocumentId(documentId)
            .setAsSuggestions(delivery == Delivery.AS_SUGGESTION)
            .setPostAsComment(delivery == Delivery.AS_COMMENT);
    revision.ifPresent(request::setRevision);
    range.ifPresent(r -> request.setRange(Wire.selection(r)));
    return request.build();
  }

  private AiCall run(Rpc rpc, Consumer<AiEvent.Token> onToken) {
    CompletableFuture<AiEvent.Completed> result = new CompletableFuture<>();
    Context.CancellableContext context = Context.current().withCancellation();
    connection
        .workers()
        .execute(
            () ->
                context.run(
                    () -> {
                      try {
                        result.complete(stream(rpc, onToken));
                      } catch (RuntimeException e) {
                        result.completeExceptionally(ErrorMapper.toException(e));
                      }
                    }));
    return new AiCall(result, () -> context.cancel(null));
  }

  /** Which of the service's calls, with its request. */
  @FunctionalInterface
  private interface Rpc {
    Iterator<dev.raftpad.proto.v1.AiEvent> start(AiServiceGrpc.AiServiceBlockingStub stub);
  }

  private AiEvent.Completed stream(Rpc rpc, Consumer<AiEvent.Token> onToken) {
    // The first event inside the retried attempt: a follower's NotLeader or a dead node is
    // retried elsewhere; once text flows, a failure ends the call.
    Iterator<dev.raftpad.proto.v1.AiEvent> events =
        connection.call(
            CallKind.READ,
            a -> {
              var stub =
                  AiServiceGrpc.newBlockingStub(a.channel())
                      .withDeadlineAfter(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
              var iterator = rpc.start(stub);
              var unused = iterator.hasNext();
              return iterator;
            });
    while (events.hasNext()) {
      var event = events.next();
      switch (event.getKindCase()) {
        case TOKEN -> {
          var token = new AiEvent.Token(event.getToken());
          connection.events().execute(() -> onToken.accept(token));
        }
        case COMPLETED -> {
          var c = event.getCompleted();
          return new AiEvent.Completed(
              c.getText(),
              c.getBaseRevision(),
              c.hasSuggestion()
                  ? Optional.of(OperationCodec.fromWire(c.getSuggestion(), "suggestion"))
                  : Optional.empty(),
              c.getSuggestionId().isEmpty()
                  ? Optional.empty()
                  : Optional.of(
                      new AiEvent.SubmittedSuggestion(
                          c.getSuggestionId(), c.getSuggestionRevision())),
              c.getThreadId().isEmpty() ? Optional.empty() : Optional.of(c.getThreadId()));
        }
        case KIND_NOT_SET -> {}
      }
    }
    throw new RaftpadException(
        RaftpadException.Reason.INTERNAL, "the AI stream ended without a result");
  }
}
