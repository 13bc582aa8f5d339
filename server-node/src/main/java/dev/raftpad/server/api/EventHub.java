package dev.raftpad.server.api;

import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.Resync;
import dev.raftpad.proto.v1.ResyncReason;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Fans applied changes out to Subscribe streams. The state machine calls {@link #accept} on the
 * loop thread; each subscriber has a bounded queue drained as its stream can take more, so a slow
 * subscriber never stalls the apply path: when its queue overflows, what it missed is replaced by
 * one Resync event telling it to reload.
 */
public final class EventHub implements Consumer<Event> {
  static final int QUEUE_CAPACITY = 1024;

  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

  @Override
  public void accept(Event event) {
    for (Subscriber subscriber : subscribers) {
      subscriber.offer(event);
    }
  }

  /**
   * Ends every stream with {@code status} (after what is queued has been sent as far as the streams
   * allow): the node stopped leading or is shutting down, and clients should resume elsewhere.
   */
  public void closeAll(io.grpc.StatusRuntimeException status) {
    for (var it = subscribers.iterator(); it.hasNext(); ) {
      Subscriber subscriber = it.next();
      it.remove();
      subscriber.fail(status);
    }
  }

  void register(Subscriber subscriber) {
    subscribers.add(subscriber);
  }

  void unregister(Subscriber subscriber) {
    subscribers.remove(subscriber);
  }

  /** Any thread; a hint for producers (a subscriber may register right after it answers). */
  public boolean hasSubscribers() {
    return !subscribers.isEmpty();
  }

  int size() {
    return subscribers.size();
  }

  /** One Subscribe stream. */
  static final class Subscriber {
    private final Set<String> documents;
    private final boolean allDocuments;
    private final ServerCallStreamObserver<Event> stream;
    private final ArrayDeque<Event> queue = new ArrayDeque<>();

    /** Per document, the last revision already sent by the replay: live duplicates are dropped. */
    private final Map<String, Long> replayedUpTo = new ConcurrentHashMap<>();

    private boolean closed;

    Subscriber(
        Set<String> documents, boolean allDocuments, ServerCallStreamObserver<Event> stream) {
      this.documents = documents;
      this.allDocuments = allDocuments;
      this.stream = stream;
    }

    boolean wants(Event event) {
      return allDocuments
          || event.getDocumentId().isEmpty()
          || documents.contains(event.getDocumentId());
    }

    void replayed(String documentId, long revision) {
      replayedUpTo.merge(documentId, revision, Math::max);
    }

    synchronized void offer(Event event) {
      if (closed || !wants(event)) {
        return;
      }
      if (event.hasOperation()
          && event.getOperation().getRevision()
              <= replayedUpTo.getOrDefault(event.getDocumentId(), 0L)) {
        return;
      }
      if (queue.size() >= QUEUE_CAPACITY) {
        queue.clear();
        queue.add(
            Event.newBuilder()
                .setResync(
                    Resync.newBuilder().setReason(ResyncReason.RESYNC_REASON_SUBSCRIBER_TOO_SLOW))
                .build());
        return; // nothing more until the client catches up and resubscribes
      }
      queue.add(event);
      drain();
    }

    synchronized void drain() {
      while (!closed && stream.isReady() && !queue.isEmpty()) {
        stream.onNext(queue.poll());
      }
    }

    synchronized void fail(io.grpc.StatusRuntimeException status) {
      if (closed) {
        return;
      }
      drain();
      closed = true;
      queue.clear();
      try {
        stream.onError(status);
      } catch (IllegalStateException | io.grpc.StatusRuntimeException alreadyOver) {
        // the client went away first: nothing to tell it
      }
    }

    synchronized void close() {
      closed = true;
      queue.clear();
    }
  }
}
