package dev.raftpad.server.api;

import dev.raftpad.codec.InvalidInputException;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.history.DocumentLog;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.OperationBuilder;
import dev.raftpad.document.text.Document;
import dev.raftpad.proto.v1.AiCompleted;
import dev.raftpad.proto.v1.AiEvent;
import dev.raftpad.proto.v1.AiRequest;
import dev.raftpad.proto.v1.AiServiceGrpc;
import dev.raftpad.proto.v1.AskAiRequest;
import dev.raftpad.proto.v1.GenerationEvent;
import dev.raftpad.proto.v1.GenerationFinished;
import dev.raftpad.proto.v1.LlmServiceGrpc;
import dev.raftpad.rpc.requestid.RequestIds;
import dev.raftpad.server.state.CollabState;
import dev.raftpad.server.state.Role;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * AI on a document: reads the text at the asked revision (linearizably, so a user's own last edit
 * is included), forwards it to the LLM node with a deadline, and streams the tokens back. Every
 * task takes the same path; {@link AiTask} says how they differ. A grammar fix or improved writing
 * ends with a suggestion: the change as an operation against the revision that was read, which the
 * client previews and submits like any edit, so it merges with concurrent typing.
 */
public final class AiGrpcService extends AiServiceGrpc.AiServiceImplBase {
  /** CPU inference of a long document can take minutes; the caller's own deadline still applies. */
  static final Duration LLM_DEADLINE = Duration.ofMinutes(5);

  private static final Logger log = LoggerFactory.getLogger(AiGrpcService.class);

  private final Replicator replicator;
  private final AssistantActions assistant;
  private final ManagedChannel llm;
  private final String llmAddress;

  /**
   * @param llm a channel to the LLM node, or {@code null} when the cluster has none configured
   */
  public AiGrpcService(Replicator replicator, ManagedChannel llm, String llmAddress) {
    this.replicator = replicator;
    this.assistant = new AssistantActions(replicator);
    this.llm = llm;
    this.llmAddress = llmAddress;
  }

  @Override
  public void summarize(AiRequest request, StreamObserver<AiEvent> response) {
    run(request, AiTask.OnText.SUMMARIZE, response);
  }

  @Override
  public void fixGrammar(AiRequest request, StreamObserver<AiEvent> response) {
    run(request, AiTask.OnText.FIX_GRAMMAR, response);
  }

  @Override
  public void improveWriting(AiRequest request, StreamObserver<AiEvent> response) {
    run(request, AiTask.OnText.IMPROVE_WRITING, response);
  }

  @Override
  public void ask(AskAiRequest request, StreamObserver<AiEvent> response) {
    // The same document, revision and range as every other task; the question is the task's.
    AiRequest.Builder target = AiRequest.newBuilder().setDocumentId(request.getDocumentId());
    if (request.hasRevision()) {
      target.setRevision(request.getRevision());
    }
    if (request.hasRange()) {
      target.setRange(request.getRange());
    }
    run(target.build(), new AiTask.Ask(request.getQuestion()), response);
  }

  /**
   * The text an AI request works on, as read from the state: the document's content at {@code
   * revision}, and the part of it worked on ({@code text}, from code point {@code start}).
   */
  record Source(String documentId, Document content, String text, long revision, int start) {}

  /** What the assistant does with its answer besides streaming it back (ADR 0012). */
  private record Follow(boolean asSuggestions, boolean postAsComment, String userId) {}

  @SuppressWarnings("FutureReturnValueIgnored") // the callback finishes the call either way
  private void run(AiRequest request, AiTask task, StreamObserver<AiEvent> plain) {
    String userId = Caller.session().userId();
    String requestId = RequestIds.current(); // read here: forward runs on another thread
    var response = (ServerCallStreamObserver<AiEvent>) plain;
    Follow follow = new Follow(request.getAsSuggestions(), request.getPostAsComment(), userId);
    if (follow.asSuggestions() && !task.suggests()) {
      response.onError(
          Statuses.invalid(
              new InvalidInputException(
                  "as_suggestions", "only fix grammar and improve writing suggest changes")));
      return;
    }
    if (follow.postAsComment() && task != AiTask.OnText.SUMMARIZE) {
      response.onError(
          Statuses.invalid(
              new InvalidInputException(
                  "post_as_comment", "only a summary is posted as a comment")));
      return;
    }
    // Suggesting and commenting are what a commenter may do: as the assistant's suggestion, a
    // rewrite needs no more than that, and posting a summary needs that much.
    Role required =
        follow.asSuggestions() || follow.postAsComment() ? Role.COMMENTER : task.required();
    // The cancel handler may only be set before this method returns; the upstream call it
    // cancels starts later, once the document is read.
    AtomicReference<ClientCallStreamObserver<?>> upstream = new AtomicReference<>();
    response.setOnCancelHandler(
        () -> {
          ClientCallStreamObserver<?> call = upstream.get();
          if (call != null) {
            call.cancel("the client cancelled", null);
          }
        });
    // Access first: a caller who may not read the document learns nothing else about it.
    replicator
        .read(
            state -> {
              Source source = source(state, request, userId, required);
              task.check();
              return source;
            })
        .whenComplete(
            (source, failure) -> {
              if (failure != null) {
                response.onError(Statuses.of(failure, replicator::notLeader));
              } else if (llm == null) {
                response.onError(
                    Statuses.llmUnavailable(
                        "no LLM node is configured for this cluster; start the server nodes with"
                            + " --llm host:port"));
              } else if (!response.isCancelled()) {
                forward(source, task, follow, response, upstream, requestId);
              }
            });
  }

  private static Source source(CollabState state, AiRequest request, String userId, Role required) {
    String id = request.getDocumentId();
    Permissions.require(state, id, userId, required);
    DocumentLog log = state.documentLog(id);
    long revision = request.hasRevision() ? request.getRevision() : log.headRevision();
    Document content = RevisionContent.at(log, revision);
    int start = 0;
    int end = content.length();
    if (request.hasRange()) {
      start = Math.min(request.getRange().getAnchor(), request.getRange().getHead());
      end = Math.max(request.getRange().getAnchor(), request.getRange().getHead());
      if (end > content.length()) {
        throw new InvalidInputException(
            "range", "ends at " + end + ", beyond the document's length " + content.length());
      }
    }
    String text = content.text(start, end - start);
    if (text.isBlank()) {
      throw new InvalidInputException("range", "there is no text to work on");
    }
    return new Source(id, content, text, revision, start);
  }

  private void forward(
      Source source,
      AiTask task,
      Follow follow,
      ServerCallStreamObserver<AiEvent> response,
      AtomicReference<ClientCallStreamObserver<?>> upstream,
      String requestId) {
    // This runs where the read completed, not on the call's thread: the id is put back for it.
    try (var withId = MDC.putCloseable(RequestIds.MDC_KEY, requestId)) {
      log.info("forwarding {} to the LLM node at {}", task.name(), llmAddress);
    }
    task.start(
        RequestIds.forward(
            LlmServiceGrpc.newStub(llm)
                .withDeadlineAfter(LLM_DEADLINE.toMillis(), TimeUnit.MILLISECONDS),
            requestId),
        source.text(),
        new Relay(source, task.suggests(), follow, response, upstream));
  }

  /** Relays the LLM node's stream to the client, ending with the whole text (and suggestion). */
  // Object: the relay serves every task's request type, and never sends on the call itself.
  private final class Relay implements ClientResponseObserver<Object, GenerationEvent> {
    private final Source source;
    private final boolean suggests;
    private final Follow follow;
    private final ServerCallStreamObserver<AiEvent> response;
    private final AtomicReference<ClientCallStreamObserver<?>> upstream;
    private GenerationFinished finished;

    Relay(
        Source source,
        boolean suggests,
        Follow follow,
        ServerCallStreamObserver<AiEvent> response,
        AtomicReference<ClientCallStreamObserver<?>> upstream) {
      this.source = source;
      this.suggests = suggests;
      this.follow = follow;
      this.response = response;
      this.upstream = upstream;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<Object> call) {
      upstream.set(call);
      if (response.isCancelled()) {
        call.cancel("the client cancelled", null);
      }
    }

    @Override
    public void onNext(GenerationEvent event) {
      switch (event.getKindCase()) {
        case TOKEN -> response.onNext(AiEvent.newBuilder().setToken(event.getToken()).build());
        case FINISHED -> finished = event.getFinished();
        case PROGRESS, KIND_NOT_SET -> {} // chunk progress is not part of the client API
      }
    }

    @Override
    public void onError(Throwable failure) {
      if (!response.isCancelled()) {
        response.onError(Statuses.fromLlm(failure, llmAddress));
      }
    }

    @Override
    public void onCompleted() {
      if (response.isCancelled()) {
        return;
      }
      if (finished == null) {
        response.onError(
            Statuses.fromLlm(
                io.grpc.Status.INTERNAL
                    .withDescription("the stream ended without a result")
                    .asRuntimeException(),
                llmAddress));
        return;
      }
      AiCompleted.Builder completed =
          AiCompleted.newBuilder().setText(finished.getText()).setBaseRevision(source.revision());
      CompletableFuture<AiCompleted.Builder> done = CompletableFuture.completedFuture(completed);
      if (suggests) {
        Operation change = suggestion(source, finished.getText());
        completed.setSuggestion(OperationCodec.toWire(change));
        if (follow.asSuggestions()) {
          done = assistant.suggest(source, change, follow.userId(), completed);
        }
      }
      if (follow.postAsComment()) {
        done = assistant.comment(source, finished.getText(), follow.userId(), completed);
      }
      var unused =
          done.whenComplete(
              (result, failure) -> {
                if (response.isCancelled()) {
                  return;
                }
                if (failure != null) {
                  response.onError(Statuses.of(failure, replicator::notLeader));
                } else {
                  response.onNext(AiEvent.newBuilder().setCompleted(result).build());
                  response.onCompleted();
                }
              });
    }
  }

  /** The rewritten text as an operation on the whole document at the revision that was read. */
  static Operation suggestion(Source source, String corrected) {
    Operation withinRange = Document.of(source.text()).diffTo(Document.of(corrected));
    OperationBuilder whole = Operation.builder().retain(source.start());
    withinRange.components().forEach(whole::push);
    return whole.build();
  }
}
