package dev.raftpad.llm;

import dev.raftpad.llm.engine.Cancellation;
import dev.raftpad.llm.engine.GenerationCancelledException;
import dev.raftpad.llm.engine.GenerationFailedException;
import dev.raftpad.llm.engine.ModelDescription;
import dev.raftpad.llm.scheduling.SlotScheduler;
import dev.raftpad.llm.task.InputTooLargeException;
import dev.raftpad.llm.task.PromptTemplates;
import dev.raftpad.llm.task.Task;
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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  LlmGrpcService(
      Supplier<ModelState> state,
      SlotScheduler scheduler,
      PromptTemplates templates,
      TaskRequests requests) {
    this.state = state;
    this.scheduler = scheduler;
    this.templates = templates;
    this.requests = requests;
  }

  @Override
  public void summarize(SummarizeRequest request, StreamObserver<GenerationEvent> response) {
    start(() -> requests.summarize(request), response);
  }

  @Override
  public void fixGrammar(FixGrammarRequest request, StreamObserver<GenerationEvent> response) {
    start(() -> requests.fixGrammar(request), response);
  }

  @Override
  public void improveWriting(
      ImproveWritingRequest request, StreamObserver<GenerationEvent> response) {
    start(() -> requests.improveWriting(request), response);
  }

  @Override
  public void ask(AskRequest request, StreamObserver<GenerationEvent> response) {
    start(() -> requests.ask(request), response);
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

  private void start(TaskParser parser, StreamObserver<GenerationEvent> response) {
    Task task;
    try {
      task = parser.parse();
    } catch (InvalidRequestException e) {
      response.onError(LlmErrors.invalidField(e.field(), e.getMessage()));
      return;
    } catch (InputTooLargeException e) {
      response.onError(LlmErrors.tooLarge(e));
      return;
    }
    TaskRunner runner;
    switch (state.get()) {
      case ModelState.NotReady notReady -> {
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
            () -> Optional.ofNullable(ticket.get()).ifPresent(SlotScheduler.Ticket::withdraw));
    Optional<SlotScheduler.Ticket> admitted =
        scheduler.submit(() -> execute(runner, task, stream, cancellation));
    if (admitted.isEmpty()) {
      stream.fail(LlmErrors.queueFull(scheduler.slots(), scheduler.queueCapacity()));
      return;
    }
    ticket.set(admitted.get());
    if (cancellation.isCancelled()) {
      admitted.get().withdraw(); // cancelled before the ticket was known to the cancel handler
    }
  }

  // Runs on a slot; returns how to end the call, which happens once the slot is free again.
  private static Runnable execute(
      TaskRunner runner, Task task, GrpcEventStream stream, Cancellation cancellation) {
    if (cancellation.isCancelled()) {
      return () -> {}; // cancelled while it waited
    }
    try {
      runner.run(task, stream::send, cancellation);
      return stream::complete;
    } catch (GenerationCancelledException e) {
      log.debug("{} stopped: the caller cancelled or its deadline passed", taskName(task));
      return () -> {};
    } catch (InputTooLargeException e) {
      return () -> stream.fail(LlmErrors.tooLarge(e));
    } catch (GenerationFailedException e) {
      log.warn("{} failed in llama.cpp: {}", taskName(task), e.getMessage());
      return () -> stream.fail(LlmErrors.generationFailed());
    } catch (RuntimeException e) {
      log.error("{} failed", taskName(task), e);
      return () -> stream.fail(LlmErrors.generationFailed());
    }
  }

  private static String taskName(Task task) {
    return task.getClass().getSimpleName();
  }
}
