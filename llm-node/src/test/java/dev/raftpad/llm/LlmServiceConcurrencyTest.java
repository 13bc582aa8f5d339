package dev.raftpad.llm;

import static dev.raftpad.llm.GenerationStreamAssert.finishedLast;
import static dev.raftpad.llm.LlmServiceTasksTest.errorInfo;
import static dev.raftpad.llm.TestNode.ENDLESS;
import static dev.raftpad.llm.TestNode.WAIT;
import static dev.raftpad.llm.TestNode.drain;
import static dev.raftpad.llm.TestNode.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.RetryInfo;
import dev.raftpad.llm.testmodel.TinyModel;
import dev.raftpad.proto.v1.AskRequest;
import dev.raftpad.proto.v1.GenerationEvent;
import dev.raftpad.proto.v1.GenerationOptions;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slots, the queue, cancellation and deadlines, through real gRPC against real llama.cpp. */
class LlmServiceConcurrencyTest {
  @TempDir static Path dir;
  private static Path model;

  @BeforeAll
  static void writeModel() throws Exception {
    model = TinyModel.write(dir);
  }

  @Test
  void cancellingMidStreamStopsTheGenerationAndFreesItsSlot() throws Exception {
    try (TestNode node = TestNode.loaded(model, 512, 1, 0);
        Context.CancellableContext call = Context.current().withCancellation()) {
      Iterator<GenerationEvent> events = call.call(() -> node.blocking().ask(question(ENDLESS)));
      assertThat(events.next().hasToken()).isTrue();
      assertThat(node.node.scheduler().busy()).isEqualTo(1);

      call.cancel(null);

      assertThat(node.awaitIdle()).as("the slot is freed").isTrue();
      List<GenerationEvent> next = drain(node.blocking().ask(question(tokens(5))));
      assertThat(finishedLast(next).getStats().getGeneratedTokens()).isEqualTo(5);
    }
  }

  @Test
  void aCallerThatAsksAgainAsSoonAsItHasItsAnswerNeverFindsItsOwnSlotBusy() throws Exception {
    try (TestNode node = TestNode.loaded(model, 512, 1, 0)) {
      for (int i = 0; i < 5; i++) {
        List<GenerationEvent> events = drain(node.blocking().ask(question(tokens(3))));
        assertThat(finishedLast(events).getStats().getGeneratedTokens()).isEqualTo(3);
      }
    }
  }

  @Test
  void aPassedDeadlineStopsTheGenerationAndFreesItsSlot() throws Exception {
    try (TestNode node = TestNode.loaded(model, 512, 1, 0)) {
      StatusRuntimeException error =
          catchThrowableOfType(
              StatusRuntimeException.class,
              () ->
                  drain(
                      node.blocking()
                          .withDeadlineAfter(300, TimeUnit.MILLISECONDS)
                          .ask(question(ENDLESS))));

      assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      assertThat(node.awaitIdle()).as("the generation stopped").isTrue();
    }
  }

  @Test
  void whenEverySlotIsBusyAndTheQueueFullARequestIsRefusedWithQueueFull() throws Exception {
    try (TestNode node = TestNode.loaded(model, 512, 1, 1);
        Context.CancellableContext running = Context.current().withCancellation()) {
      Iterator<GenerationEvent> first = running.call(() -> node.blocking().ask(question(ENDLESS)));
      assertThat(first.next().hasToken()).isTrue();
      RecordingObserver queued = new RecordingObserver();
      node.async().ask(question(tokens(5)), queued);
      assertThat(node.node.scheduler().awaitLoad(1, 1, WAIT)).as("second request queued").isTrue();
      assertThat(node.info().getQueued()).isEqualTo(1);
      assertThat(node.info().getBusySlots()).isEqualTo(1);

      StatusRuntimeException refused =
          catchThrowableOfType(
              StatusRuntimeException.class, () -> drain(node.blocking().ask(question(tokens(5)))));

      assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      assertThat(errorInfo(refused).getReason()).isEqualTo("QUEUE_FULL");
      assertThat(StatusProto.fromThrowable(refused).getDetailsList())
          .anySatisfy(detail -> assertThat(detail.is(RetryInfo.class)).isTrue());

      running.cancel(null);
      List<GenerationEvent> served = queued.await();
      assertThat(finishedLast(served).getStats().getGeneratedTokens()).isEqualTo(5);
      assertThat(node.awaitIdle()).isTrue();
    }
  }

  @Test
  void aQueuedRequestThatIsCancelledNeverRunsAndLeavesTheQueue() throws Exception {
    try (TestNode node = TestNode.loaded(model, 512, 1, 1);
        Context.CancellableContext running = Context.current().withCancellation();
        Context.CancellableContext waiting = Context.current().withCancellation()) {
      Iterator<GenerationEvent> first = running.call(() -> node.blocking().ask(question(ENDLESS)));
      assertThat(first.next().hasToken()).isTrue();
      waiting.run(() -> node.async().ask(question(ENDLESS), new RecordingObserver()));
      assertThat(node.node.scheduler().awaitLoad(1, 1, WAIT)).isTrue();

      waiting.cancel(null);

      assertThat(node.node.scheduler().awaitLoad(1, 0, WAIT)).as("left the queue").isTrue();
      running.cancel(null);
      assertThat(node.awaitIdle()).isTrue();
    }
  }

  @Test
  void requestsRunConcurrentlyInParallelSlotsAndQueuedOnesAreServedInTurn() throws Exception {
    try (TestNode node = TestNode.loaded(model, 1024, 2, 4);
        Context.CancellableContext a = Context.current().withCancellation();
        Context.CancellableContext b = Context.current().withCancellation()) {
      Iterator<GenerationEvent> first = a.call(() -> node.blocking().ask(question(ENDLESS)));
      Iterator<GenerationEvent> second = b.call(() -> node.blocking().ask(question(ENDLESS)));
      // Neither ends on its own, so both producing tokens means both hold a slot at once.
      assertThat(first.next().hasToken()).isTrue();
      assertThat(second.next().hasToken()).isTrue();
      assertThat(first.next().hasToken()).isTrue();
      assertThat(node.info().getBusySlots()).isEqualTo(2);
      a.cancel(null);
      b.cancel(null);
      assertThat(node.awaitIdle()).isTrue();

      List<RecordingObserver> calls = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        RecordingObserver observer = new RecordingObserver();
        node.async().ask(question(tokens(8)), observer);
        calls.add(observer);
      }
      for (RecordingObserver call : calls) {
        assertThat(finishedLast(call.await()).getStats().getGeneratedTokens()).isEqualTo(8);
      }
      assertThat(node.awaitIdle()).isTrue();
    }
  }

  private static AskRequest question(GenerationOptions options) {
    return AskRequest.newBuilder()
        .setDocumentText("The leader replicates every edit to a majority.")
        .setQuestion("Who replicates edits?")
        .setOptions(options)
        .build();
  }

  /** Collects a streamed call's events and lets the test wait for its end. */
  private static final class RecordingObserver implements StreamObserver<GenerationEvent> {
    private final List<GenerationEvent> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Throwable error;

    @Override
    public void onNext(GenerationEvent event) {
      events.add(event);
    }

    @Override
    public void onError(Throwable t) {
      error = t;
      done.countDown();
    }

    @Override
    public void onCompleted() {
      done.countDown();
    }

    List<GenerationEvent> await() throws Exception {
      if (!done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new TimeoutException("the call did not end");
      }
      if (error != null) {
        throw new AssertionError("the call failed", error);
      }
      return events;
    }
  }
}
