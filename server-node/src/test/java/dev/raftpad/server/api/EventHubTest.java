package dev.raftpad.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.proto.v1.Alert;
import dev.raftpad.proto.v1.Event;
import dev.raftpad.server.state.CollabState;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The thread that offers events (the Raft loop) only queues them: a sender writes them into the
 * stream, one drain at a time, and ends the stream through the same drain.
 */
class EventHubTest {
  private final Queue<Runnable> senders = new ArrayDeque<>();
  private final EventHub hub = new EventHub(new CollabState().accessIndex(), senders::add);
  private final RecordingStream stream = new RecordingStream();

  /** A stream that records what was written into it; ready unless told otherwise. */
  private static final class RecordingStream implements EventHub.Outbound {
    final List<Event> sent = new ArrayList<>();
    StatusRuntimeException failedWith;
    boolean ready = true;

    @Override
    public boolean isReady() {
      return ready;
    }

    @Override
    public void send(Event event) {
      sent.add(event);
    }

    @Override
    public void fail(StatusRuntimeException status) {
      failedWith = status;
    }
  }

  private static Event alert(String message) {
    return Event.newBuilder().setAlert(Alert.newBuilder().setMessage(message)).build();
  }

  private void runSenders() {
    for (Runnable task = senders.poll(); task != null; task = senders.poll()) {
      task.run();
    }
  }

  @Test
  void offeringAnEventWritesNothingOnTheOfferingThreadAndOneDrainSendsEverythingQueued() {
    EventHub.Subscriber subscriber = hub.subscriber("u1", Set.of(), true, false, stream);
    hub.register(subscriber);

    hub.accept(alert("one"));
    hub.accept(alert("two"));

    assertThat(stream.sent).as("nothing written by the offering thread").isEmpty();
    assertThat(senders).as("one drain scheduled for both events").hasSize(1);
    runSenders();
    assertThat(stream.sent)
        .extracting(e -> e.getAlert().getMessage())
        .containsExactly("one", "two");
  }

  @Test
  void aStreamThatIsNotReadyKeepsItsQueueUntilItIsAndAFailureEndsItAfterWhatItTook() {
    EventHub.Subscriber subscriber = hub.subscriber("u1", Set.of(), true, false, stream);
    hub.register(subscriber);
    stream.ready = false;
    hub.accept(alert("queued"));
    runSenders();
    assertThat(stream.sent).isEmpty();

    stream.ready = true;
    subscriber.drain(); // the stream's onReady
    hub.accept(alert("after"));
    hub.closeAll(Status.UNAVAILABLE.withDescription("moving").asRuntimeException());
    assertThat(stream.failedWith).as("ended by the drain, not by the caller").isNull();
    runSenders();

    assertThat(stream.sent)
        .extracting(e -> e.getAlert().getMessage())
        .containsExactly("queued", "after");
    assertThat(stream.failedWith.getStatus().getDescription()).isEqualTo("moving");
    hub.accept(alert("too late"));
    runSenders();
    assertThat(stream.sent).hasSize(2);
  }

  @Test
  void eventsThatWaitedGoOutInOneBatchToAStreamThatTakesBatchesAndOneByOneOtherwise() {
    RecordingStream batching = new RecordingStream();
    hub.register(hub.subscriber("u1", Set.of(), true, true, batching));
    hub.register(hub.subscriber("u1", Set.of(), true, false, stream));
    batching.ready = false;
    stream.ready = false;
    for (int i = 0; i < 5; i++) {
      hub.accept(alert("e" + i));
    }
    runSenders();
    batching.ready = true;
    stream.ready = true;
    hub.accept(alert("e5"));
    runSenders();

    assertThat(batching.sent).singleElement().satisfies(e -> assertThat(e.hasBatch()).isTrue());
    assertThat(batching.sent.get(0).getBatch().getEventsList())
        .extracting(e -> e.getAlert().getMessage())
        .containsExactly("e0", "e1", "e2", "e3", "e4", "e5");
    assertThat(stream.sent)
        .extracting(e -> e.getAlert().getMessage())
        .containsExactly("e0", "e1", "e2", "e3", "e4", "e5");

    hub.accept(alert("alone"));
    runSenders();
    assertThat(batching.sent.get(1).getAlert().getMessage())
        .as("an event that did not wait goes alone")
        .isEqualTo("alone");
  }

  @Test
  void aBatchStaysUnderItsSizeLimitAndKeepsTheOrder() {
    String big = "x".repeat(EventBatches.MAX_BYTES / 3);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      events.add(alert(i + big));
    }

    List<Event> messages = EventBatches.pack(events);

    assertThat(messages).hasSizeGreaterThan(1);
    assertThat(messages)
        .allSatisfy(m -> assertThat(m.getSerializedSize()).isLessThan(EventBatches.MAX_BYTES + 64));
    assertThat(
            messages.stream()
                .flatMap(
                    m ->
                        m.hasBatch()
                            ? m.getBatch().getEventsList().stream()
                            : java.util.stream.Stream.of(m))
                .map(e -> e.getAlert().getMessage().substring(0, 1)))
        .containsExactly("0", "1", "2", "3", "4", "5", "6");
  }
}
