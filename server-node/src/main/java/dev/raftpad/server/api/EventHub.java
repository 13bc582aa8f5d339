package dev.raftpad.server.api;

import dev.raftpad.proto.v1.AccessChanged;
import dev.raftpad.proto.v1.DocumentRole;
import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.Resync;
import dev.raftpad.proto.v1.ResyncReason;
import dev.raftpad.proto.v1.ReviewAction;
import dev.raftpad.server.events.EventSink;
import dev.raftpad.server.state.AccessIndex;
import dev.raftpad.server.state.CommandResult;
import dev.raftpad.server.state.DocumentAccess;
import dev.raftpad.server.state.Refusals;
import dev.raftpad.server.state.Role;
import dev.raftpad.server.wire.AccessWire;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Fans applied changes out to Subscribe streams. The state machine calls {@link #accept} on the
 * loop thread, which only queues: each subscriber has a bounded queue that a sender thread drains
 * as its stream can take more, so neither a slow subscriber nor the encoding and writing of an
 * event once per reader ever stalls the apply path. When a queue overflows, what its subscriber
 * missed is replaced by one Resync event telling it to reload.
 */
public final class EventHub implements EventSink {
  static final int QUEUE_CAPACITY = 1024;

  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final AccessIndex access;
  private final Executor senders;

  /**
   * @param access who may read which document: an event of a document goes to its readers only
   * @param senders where subscribers' queues are drained into their streams (one drain per
   *     subscriber at a time)
   */
  public EventHub(AccessIndex access, Executor senders) {
    this.access = access;
    this.senders = senders;
  }

  @Override
  public void accept(Event event) {
    for (Subscriber subscriber : subscribers) {
      subscriber.offer(event);
    }
  }

  @Override
  public void acceptAccessChange(Event event, DocumentAccess before) {
    for (Subscriber subscriber : subscribers) {
      subscriber.offerAccessChange(event, before);
    }
  }

  @Override
  public void acceptMention(Event event, List<String> userIds) {
    for (Subscriber subscriber : subscribers) {
      if (userIds.contains(subscriber.userId)) {
        subscriber.offer(event);
      }
    }
  }

  /** A subscriber's stream, for {@code user}, to this hub's filter of who may read what. */
  Subscriber subscriber(
      String userId,
      Set<String> documents,
      boolean allDocuments,
      boolean acceptsBatches,
      Outbound stream) {
    return new Subscriber(userId, documents, allDocuments, acceptsBatches, stream, access, senders);
  }

  /**
   * Where one subscriber's events go: a Subscribe stream, or the downstream of an edit channel.
   * Called by the subscriber's one drain at a time, never concurrently.
   */
  interface Outbound {
    /** Whether the stream takes more now without buffering. */
    boolean isReady();

    void send(Event event);

    /** Ends the stream with {@code status}. */
    void fail(io.grpc.StatusRuntimeException status);

    /** A Subscribe stream's own observer. */
    static Outbound of(ServerCallStreamObserver<Event> stream) {
      return new Outbound() {
        @Override
        public boolean isReady() {
          return stream.isReady();
        }

        @Override
        public void send(Event event) {
          stream.onNext(event);
        }

        @Override
        public void fail(io.grpc.StatusRuntimeException status) {
          stream.onError(status);
        }
      };
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

  /** How many streams subscribe now (Subscribe streams and edit channels); any thread. */
  public int subscriberCount() {
    return subscribers.size();
  }

  /** Events waiting in subscribers' queues for their streams to take more; any thread. */
  public long queuedEvents() {
    long queued = 0;
    for (Subscriber subscriber : subscribers) {
      queued += subscriber.queued();
    }
    return queued;
  }

  /**
   * One Subscribe stream of one user. It is sent an event of a document only while the user may
   * read that document (asked per event, so an access change takes effect at the next event); an
   * event that shows the document's metadata or access carries the user's own role.
   */
  static final class Subscriber {
    private final String userId;
    private final Set<String> documents;
    private final boolean allDocuments;

    /** The client reads {@code Event.batch}: a drain may send what waits in one message. */
    private final boolean acceptsBatches;

    private final Outbound stream;
    private final AccessIndex access;
    private final Executor senders;
    private final ArrayDeque<Event> queue = new ArrayDeque<>();

    /** Per document, the last revision already sent by the replay: live duplicates are dropped. */
    private final Map<String, Long> replayedUpTo = new ConcurrentHashMap<>();

    /** Per document, the review version the replay's comment catch-up reached, likewise. */
    private final Map<String, Long> reviewReplayedUpTo = new ConcurrentHashMap<>();

    /** No more events are queued (the stream ended or is ending). */
    private boolean closed;

    /** A drain is scheduled or running: it is the only one that touches {@link #stream}. */
    private boolean draining;

    /** The status to end the stream with once what it can take now was sent. */
    private io.grpc.StatusRuntimeException failure;

    /** The stream was ended; nothing touches it any more. */
    private boolean finished;

    private Subscriber(
        String userId,
        Set<String> documents,
        boolean allDocuments,
        boolean acceptsBatches,
        Outbound stream,
        AccessIndex access,
        Executor senders) {
      this.userId = userId;
      this.documents = documents;
      this.allDocuments = allDocuments;
      this.acceptsBatches = acceptsBatches;
      this.stream = stream;
      this.access = access;
      this.senders = senders;
    }

    private boolean follows(String documentId) {
      return allDocuments || documents.contains(documentId);
    }

    synchronized void offer(Event event) {
      String documentId = event.getDocumentId();
      if (documentId.isEmpty()) {
        enqueue(event);
        return;
      }
      if (!follows(documentId)) {
        return;
      }
      Role role = access.roleOf(documentId, userId);
      if (role.atLeast(Role.VIEWER)) {
        enqueue(withYourRole(event, role));
      }
    }

    /**
     * An access change reaches whoever may read the document now; whoever could read it before and
     * no longer can is told so (an all-documents stream, with nothing but the document id) or has
     * its stream ended (a stream that named the document).
     */
    synchronized void offerAccessChange(Event event, DocumentAccess before) {
      String documentId = event.getDocumentId();
      Role role = access.roleOf(documentId, userId);
      if (role.atLeast(Role.VIEWER)) {
        if (follows(documentId)) {
          enqueue(withYourRole(event, role));
        }
      } else if (before.mayRead(userId)) {
        if (documents.contains(documentId)) {
          CommandResult.Refused<Void> refusal = Refusals.notAllowed(Role.VIEWER, role);
          fail(
              Statuses.refused(
                  new CommandResult.Refused<>(
                      refusal.reason(),
                      "your access to document " + documentId + " was removed",
                      refusal.metadata())));
        } else if (allDocuments) {
          enqueue(
              Event.newBuilder()
                  .setDocumentId(documentId)
                  .setTime(event.getTime())
                  .setAccessChanged(
                      AccessChanged.newBuilder()
                          .setAccess(
                              dev.raftpad.proto.v1.DocumentAccess.newBuilder()
                                  .setDocumentId(documentId)))
                  .build());
        }
      }
    }

    /** The event with the recipient's role where it shows the document's metadata or access. */
    private static Event withYourRole(Event event, Role role) {
      DocumentRole yours = AccessWire.role(role);
      return switch (event.getKindCase()) {
        case CREATED ->
            event.toBuilder()
                .setCreated(
                    event.getCreated().toBuilder()
                        .setDocument(
                            event.getCreated().getDocument().toBuilder().setYourRole(yours)))
                .build();
        case RENAMED ->
            event.toBuilder()
                .setRenamed(
                    event.getRenamed().toBuilder()
                        .setDocument(
                            event.getRenamed().getDocument().toBuilder().setYourRole(yours)))
                .build();
        case DELETED ->
            event.toBuilder()
                .setDeleted(
                    event.getDeleted().toBuilder()
                        .setDocument(
                            event.getDeleted().getDocument().toBuilder().setYourRole(yours)))
                .build();
        case ACCESS_CHANGED ->
            event.toBuilder()
                .setAccessChanged(
                    event.getAccessChanged().toBuilder()
                        .setAccess(
                            event.getAccessChanged().getAccess().toBuilder().setYourRole(yours)))
                .build();
        default -> event;
      };
    }

    void replayed(String documentId, long revision) {
      replayedUpTo.merge(documentId, revision, Math::max);
    }

    void reviewReplayed(String documentId, long reviewVersion) {
      reviewReplayedUpTo.merge(documentId, reviewVersion, Math::max);
    }

    /** Queues an event this subscriber may see. */
    synchronized void enqueue(Event event) {
      if (closed) {
        return;
      }
      if (event.hasOperation()
          && event.getOperation().getRevision()
              <= replayedUpTo.getOrDefault(event.getDocumentId(), 0L)) {
        return;
      }
      if (event.hasCommentChanged()
          && event.getCommentChanged().getAction() != ReviewAction.REVIEW_ACTION_SYNC
          && event.getCommentChanged().getThread().getVersion()
              <= reviewReplayedUpTo.getOrDefault(event.getDocumentId(), 0L)) {
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

    synchronized int queued() {
      return queue.size();
    }

    /** The stream may take more (or something was queued): sends what it can, on a sender. */
    synchronized void drain() {
      if (!draining && !finished) {
        draining = true;
        senders.execute(this::sendQueued);
      }
    }

    /**
     * The one drain: sends queued events while the stream is ready, then ends the stream if it is
     * to fail. Sends outside the lock, so the loop thread queueing the next event never waits for
     * an encoding or a write.
     */
    private void sendQueued() {
      while (true) {
        List<Event> next = new ArrayList<>(1);
        io.grpc.StatusRuntimeException ending = null;
        synchronized (this) {
          if (finished) {
            draining = false;
            return;
          }
          if (!queue.isEmpty() && stream.isReady()) {
            int take = acceptsBatches ? EventBatches.MAX_EVENTS : 1;
            while (!queue.isEmpty() && next.size() < take) {
              next.add(queue.poll());
            }
          } else if (failure != null) {
            ending = failure;
            finished = true;
            queue.clear();
          } else {
            draining = false;
            return;
          }
        }
        if (ending != null) {
          try {
            stream.fail(ending);
          } catch (IllegalStateException | io.grpc.StatusRuntimeException alreadyOver) {
            // the client went away first: nothing to tell it
          }
          return;
        }
        try {
          for (Event message : EventBatches.pack(next)) {
            stream.send(message);
          }
        } catch (RuntimeException e) {
          synchronized (this) { // the call broke under us: it ends through its own handlers
            finished = true;
            draining = false;
            queue.clear();
          }
          return;
        }
      }
    }

    /** Ends the stream with {@code status} after what it can take now. */
    synchronized void fail(io.grpc.StatusRuntimeException status) {
      if (closed) {
        return;
      }
      closed = true;
      failure = status;
      drain();
    }

    /** The client went away: nothing more is sent. */
    synchronized void close() {
      closed = true;
      finished = true;
      queue.clear();
    }
  }
}
