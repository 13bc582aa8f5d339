package dev.raftpad.llm;

import dev.raftpad.llm.engine.Cancellation;
import dev.raftpad.llm.engine.GenerationCancelledException;
import dev.raftpad.llm.engine.GenerationFailedException;
import dev.raftpad.llm.engine.ModelDescription;
import dev.raftpad.llm.metrics.LlmMetrics;
import dev.raftpad.llm.scheduling.SlotScheduler;
import dev.raftpad.llm.task.InputTooLargeException;
import dev.raftpad.llm.task.PromptTemplates;
import dev.raftpad.llm.task.Task;
import dev.raftpad.llm.task.TaskEvent;
import dev.raftpad.llm.task.TaskRunner;
import dev.raftpad.proto.v1.AskRequest;
import dev.raftpad.proto.v1.FixGrammarRequest;
import dev.raftpad.proto.v1.GenerationEvent;
import dev.raftpad.proto.v1.ImproveWritingRequest;
import dev.raftpad.proto.v1.LlmServiceGrpc;
import dev.raftpad.proto.v1.ModelInfo;
import dev.raftpad.proto.v1.ModelInfoRequest;
import dev.raftpad.proto.v1.SummarizeRequest;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The LlmService over gRPC: checks a request, admits it to a slot (or the queue, or refuses it),
 * and streams the task's events. The work itself happens on the scheduler's slot threads.
 */
final class LlmGrpcService extends LlmServiceGrpc.LlmServiceImplBase {
  private static final Logger log = LoggerFactory.getLogger(LlmGrpcService.class);

  /** A request's check, which may refuse it. */
  @FunctionalInterface
  private interface TaskParser {
    Task parse() throws InvalidRequestException;
  }

  private final Supplier<ModelState> state;
  private final SlotScheduler scheduler;
  private final PromptTemplates templates;
  private final TaskRequests requests;
  private final LlmMetrics metrics;

  LlmGrpcService(
      Supplier<ModelState> state,
      SlotScheduler scheduler,
      PromptTemplates templates,
      TaskRequests requests,
      LlmMetrics metrics) {
    this.state = state;
    this.scheduler = scheduler;
    this.templates = templates;
    this.requests = requests;
    this.metrics = metrics;
  }

  @Override
  public void summarize(SummarizeRequest request, StreamObserver<GenerationEvent> response) {
    start("summarize", () -> requests.summarize(request), response);
  }

  @Override
  public void fixGrammar(FixGrammarRequest request, StreamObserver<GenerationEvent> response) {
    start("fix_grammar", () -> requests.fixGrammar(request), response);
  }

  @Override
  public void improveWriting(
      ImproveWritingRequest request, StreamObserver<GenerationEvent> response) {
    start("improve_writing", () -> requests.improveWriting(request), response);
  }

  @Override
  public void ask(AskRequest request, StreamObserver<GenerationEvent> response) {
    start("ask", () -> requests.ask(request), response);
  }

  @Override
  public void getModelInfo(ModelInfoRequest request, StreamObserver<ModelInfo> response) {
    ModelInfo.Builder info =
        ModelInfo.newBuilder()
            .setParallelSlots(scheduler.slots())
            .setQueueCapacity(scheduler.queueCapacity())
            .setBusySlots(scheduler.busy())
            .setQueued(scheduler.queued());
    switch (state.get()) {
      case ModelState.NotReady notReady ->
          info.setReady(false).setNotReadyReason(notReady.reason());
      case ModelState.Ready ready -> {
        ModelDescription model = ready.engine().description();
        info.setReady(true)
            .setModelName(model.name())
            .setModelPath(model.path().toString())
            .setContextSize(model.contextSize())
            .setParameterCount(model.parameterCount());
      }
    }
    response.onNext(info.build());
    response.onCompleted();
  }

  /**
   * Checks, admits and runs one request.
   *
   * @param kind the task's kind as a metrics label
   */
  private void start(String kind, TaskParser parser, StreamObserver<GenerationEvent> response) {
    Task task;
    try {
      task = parser.parse();
    } catch (InvalidRequestException e) {
      metrics.ended(kind, LlmMetrics.Outcome.INVALID);
      response.onError(LlmErrors.invalidField(e.field(), e.getMessage()));
      return;
    } catch (InputTooLargeException e) {
      metrics.ended(kind, LlmMetrics.Outcome.TOO_LARGE);
      response.onError(LlmErrors.tooLarge(e));
      return;
    }
    TaskRunner runner;
    switch (state.get()) {
      case ModelState.NotReady notReady -> {
        metrics.ended(kind, LlmMetrics.Outcome.NO_MODEL);
        response.onError(LlmErrors.modelNotLoaded(notReady.reason()));
        return;
      }
      case ModelState.Ready ready -> runner = new TaskRunner(ready.engine(), templates);
    }
    Cancellation cancellation = new Cancellation();
    AtomicReference<SlotScheduler.Ticket> ticket = new AtomicReference<>();
    GrpcEventStream stream =
        new GrpcEventStream(
            (ServerCallStreamObserver<GenerationEvent>) response,
            cancellation,
            () -> Optional.ofNullable(ticket.get()).ifPresent(queued -> withdraw(kind, queued)));
    long admittedNanos = System.nanoTime();
    // The slot thread logs with the call's request id (rpc-guard's RequestIdServerInterceptor
    // set it on this thread), so a request can be followed from the client to llama.cpp.
    Map<String, String> callLogFields = MDC.getCopyOfContextMap();
    Optional<SlotScheduler.Ticket> admitted =
        scheduler.submit(
            () -> {
              metrics.waited(System.nanoTime() - admittedNanos);
              if (callLogFields != null) {
                MDC.setContextMap(callLogFields);
              }
              try {
                return execute(kind, runner, task, stream, cancellation);
              } finally {
                MDC.clear();
              }
            });
    if (admitted.isEmpty()) {
      metrics.ended(kind, LlmMetrics.Outcome.QUEUE_FULL);
      stream.fail(LlmErrors.queueFull(scheduler.slots(), scheduler.queueCapacity()));
      return;
    }
    log.info("{} admitted ({} waiting for a slot)", taskName(task), scheduler.queued());
    ticket.set(admitted.get());
    if (cancellation.isCancelled()) {
      withdraw(kind, admitted.get()); // cancelled before the cancel handler knew the ticket
    }
  }

  /** Takes a cancelled request out of the queue; one that already runs ends on its slot. */
  private void withdraw(String kind, SlotScheduler.Ticket ticket) {
    if (ticket.withdraw()) {
      metrics.ended(kind, LlmMetrics.Outcome.CANCELLED);
    }
  }

  // Runs on a slot; returns how to end the call, which happens once the slot is free again.
  private Runnable execute(
      String kind,
      TaskRunner runner,
      Task task,
      GrpcEventStream stream,
      Cancellation cancellation) {
    if (cancellation.isCancelled()) {
      metrics.ended(kind, LlmMetrics.Outcome.CANCELLED);
      return () -> {}; // cancelled while it waited
    }
    try {
      runner.run(
          task,
          event -> {
            if (event instanceof TaskEvent.Finished finished) {
              metrics.finished(kind, finished.stats());
            }
            stream.send(event);
          },
          cancellation);
      metrics.ended(kind, LlmMetrics.Outcome.COMPLETED);
      log.info("{} completed", taskName(task));
      return stream::complete;
    } catch (GenerationCancelledException e) {
      metrics.ended(kind, LlmMetrics.Outcome.CANCELLED);
      log.debug("{} stopped: the caller cancelled or its deadline passed", taskName(task));
      return () -> {};
    } catch (InputTooLargeException e) {
      metrics.ended(kind, LlmMetrics.Outcome.TOO_LARGE);
      return () -> stream.fail(LlmErrors.tooLarge(e));
    } catch (GenerationFailedException e) {
      metrics.ended(kind, LlmMetrics.Outcome.FAILED);
      log.warn("{} failed in llama.cpp: {}", taskName(task), e.getMessage());
      return () -> stream.fail(LlmErrors.generationFailed());
    } catch (RuntimeException e) {
      metrics.ended(kind, LlmMetrics.Outcome.FAILED);
      log.error("{} failed", taskName(task), e);
      return () -> stream.fail(LlmErrors.generationFailed());
    }
  }

  private static String taskName(Task task) {
    return task.getClass().getSimpleName();
  }
}
