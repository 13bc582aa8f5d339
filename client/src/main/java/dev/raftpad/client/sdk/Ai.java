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
import io.grpc.Context;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Summaries and grammar fixes, streamed. Tokens go to the listener on the event executor; the
 * result future completes with the final event. The call is retried (it changes nothing) until the
 * first event arrives, never after. The server may answer UNIMPLEMENTED or LLM_UNAVAILABLE.
 */
public final class Ai {
  /** Generation can take minutes on a CPU. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  private final Connection connection;

  Ai(Connection connection) {
    this.connection = connection;
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
    return run(request(documentId, revision, range), false, onToken);
  }

  /** Fixes grammar; the completed event carries the correction as an operation to preview. */
  public AiCall fixGrammar(
      String documentId,
      OptionalLong revision,
      Optional<Selection> range,
      Consumer<AiEvent.Token> onToken) {
    return run(request(documentId, revision, range), true, onToken);
  }

  private static AiRequest request(
      String documentId, OptionalLong revision, Optional<Selection> range) {
    AiRequest.Builder request = AiRequest.newBuilder().setDocumentId(documentId);
    revision.ifPresent(request::setRevision);
    range.ifPresent(r -> request.setRange(Wire.selection(r)));
    return request.build();
  }

  private AiCall run(AiRequest request, boolean grammar, Consumer<AiEvent.Token> onToken) {
    CompletableFuture<AiEvent.Completed> result = new CompletableFuture<>();
    Context.CancellableContext context = Context.current().withCancellation();
    connection
        .workers()
        .execute(
            () ->
                context.run(
                    () -> {
                      try {
                        result.complete(stream(request, grammar, onToken));
                      } catch (RuntimeException e) {
                        result.completeExceptionally(ErrorMapper.toException(e));
                      }
                    }));
    return new AiCall(result, () -> context.cancel(null));
  }

  private AiEvent.Completed stream(
      AiRequest request, boolean grammar, Consumer<AiEvent.Token> onToken) {
    // The first event inside the retried attempt: a follower's NotLeader or a dead node is
    // retried elsewhere; once text flows, a failure ends the call.
    Iterator<dev.raftpad.proto.v1.AiEvent> events =
        connection.call(
            CallKind.READ,
            a -> {
              var stub =
                  AiServiceGrpc.newBlockingStub(a.channel())
                      .withDeadlineAfter(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
              var iterator = grammar ? stub.fixGrammar(request) : stub.summarize(request);
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
                  : Optional.empty());
        }
        case KIND_NOT_SET -> {}
      }
    }
    throw new RaftpadException(
        RaftpadException.Reason.INTERNAL, "the AI stream ended without a result");
  }
}
