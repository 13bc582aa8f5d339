package dev.raftpad.llm;

import dev.raftpad.llm.engine.Cancellation;
import dev.raftpad.llm.engine.FinishReason;
import dev.raftpad.llm.task.TaskEvent;
import dev.raftpad.proto.v1.ChunkProgress;
import dev.raftpad.proto.v1.GenerationEvent;
import dev.raftpad.proto.v1.GenerationFinished;
import dev.raftpad.proto.v1.GenerationStats;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A task's events on their way to one gRPC call. Raises the task's {@link Cancellation} when the
 * caller cancels or its deadline passes, and applies flow control: a caller that stops reading
 * makes the generating thread wait (holding its slot, until the call's deadline) instead of piling
 * tokens up in memory.
 *
 * <p>Tokens generated within {@link #COALESCE_NANOS} (16 ms, one display frame) of the last message
 * travel together in one {@code token} event: a small model makes thousands of tokens a second, and
 * a message each would cost more than generating them. A model slower than 60 tokens a second (any
 * real one on a CPU) gets one event per token. Pending tokens always go out before any other event,
 * and the first token of a stream goes out at once.
 */
final class GrpcEventStream {
  private final ServerCallStreamObserver<GenerationEvent> call;
  private final Cancellation cancellation;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition readyOrCancelled = lock.newCondition();
  private final StringBuilder pendingTokens = new StringBuilder();
  private long lastSentAt = System.nanoTime() - COALESCE_NANOS;

  /** The window within which tokens are sent together. */
  static final long COALESCE_NANOS = 16_000_000;

  /**
   * Takes over {@code call}'s handlers; {@code onCancel} runs (once) when the call is cancelled.
   * Must be created on the call's own thread, before the handler returns.
   */
  GrpcEventStream(
      ServerCallStreamObserver<GenerationEvent> call,
      Cancellation cancellation,
      Runnable onCancel) {
    this.call = call;
    this.cancellation = cancellation;
    call.setOnReadyHandler(this::wake);
    call.setOnCancelHandler(
        () -> {
          cancellation.cancel();
          onCancel.run();
          wake();
        });
  }

  /** Sends one event (or holds a token back briefly), once the caller can take it. */
  void send(TaskEvent event) {
    if (event instanceof TaskEvent.Token token) {
      pendingTokens.append(token.text());
      if (System.nanoTime() - lastSentAt >= COALESCE_NANOS) {
        sendPendingTokens();
      }
      return;
    }
    sendPendingTokens();
    write(toProto(event));
  }

  private void sendPendingTokens() {
    if (pendingTokens.isEmpty()) {
      return;
    }
    write(GenerationEvent.newBuilder().setToken(pendingTokens.toString()).build());
    pendingTokens.setLength(0);
    lastSentAt = System.nanoTime();
  }

  private void write(GenerationEvent event) {
    awaitReady();
    call.onNext(event);
  }

  /** Ends the stream successfully. */
  void complete() {
    if (!cancellation.isCancelled()) {
      call.onCompleted();
    }
  }

  /** Ends the stream with an error (nothing is sent to a caller that is gone). */
  void fail(StatusRuntimeException error) {
    if (!cancellation.isCancelled()) {
      call.onError(error);
    }
  }

  private void awaitReady() {
    lock.lock();
    try {
      while (!call.isReady() && !cancellation.isCancelled()) {
        readyOrCancelled.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
    cancellation.throwIfCancelled();
  }

  private void wake() {
    lock.lock();
    try {
      readyOrCancelled.signalAll();
    } finally {
      lock.unlock();
    }
  }

  static GenerationEvent toProto(TaskEvent event) {
    GenerationEvent.Builder proto = GenerationEvent.newBuilder();
    switch (event) {
      case TaskEvent.Token token -> proto.setToken(token.text());
      case TaskEvent.Progress progress ->
          proto.setProgress(
              ChunkProgress.newBuilder()
                  .setChunksDone(progress.chunksDone())
                  .setChunksTotal(progress.chunksTotal()));
      case TaskEvent.Finished finished ->
          proto.setFinished(
              GenerationFinished.newBuilder()
                  .setReason(toProto(finished.reason()))
                  .setText(finished.text())
                  .setStats(
                      GenerationStats.newBuilder()
                          .setPromptTokens(finished.stats().promptTokens())
                          .setGeneratedTokens(finished.stats().generatedTokens())
                          .setTimeToFirstTokenMicros(finished.stats().timeToFirstTokenMicros())
                          .setTotalMicros(finished.stats().totalMicros())));
    }
    return proto.build();
  }

  private static dev.raftpad.proto.v1.FinishReason toProto(FinishReason reason) {
    return switch (reason) {
      case STOP -> dev.raftpad.proto.v1.FinishReason.FINISH_REASON_STOP;
      case LENGTH -> dev.raftpad.proto.v1.FinishReason.FINISH_REASON_LENGTH;
    };
  }
}
