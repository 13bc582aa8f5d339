package dev.raftpad.server.api;

import dev.raftpad.codec.InvalidInputException;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.history.DocumentLog;
import dev.raftpad.document.history.Revision;
import dev.raftpad.document.review.Suggestions;
import dev.raftpad.proto.v1.CommentChanged;
import dev.raftpad.proto.v1.CommentThreadRecord;
import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.EventServiceGrpc;
import dev.raftpad.proto.v1.Live;
import dev.raftpad.proto.v1.OperationCommitted;
import dev.raftpad.proto.v1.PresenceCommand;
import dev.raftpad.proto.v1.Resync;
import dev.raftpad.proto.v1.ResyncReason;
import dev.raftpad.proto.v1.ReviewAction;
import dev.raftpad.proto.v1.SubscribeRequest;
import dev.raftpad.server.state.CommandResult;
import dev.raftpad.server.state.Commands;
import dev.raftpad.server.state.Role;
import dev.raftpad.server.state.SessionIndex;
import dev.raftpad.server.wire.ReviewWire;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Subscribe: every real-time event of the chosen documents. Registration and the replay of missed
 * operations happen in one step on the Raft loop thread, so no operation falls between them; then a
 * {@code Live} event marks the switch to live events.
 *
 * <p>Every node serves streams from its own applied state (ADR 0014): every replica applies the
 * same log, so every node announces the same events. A stream's presence is written through the log
 * from whichever node serves it ({@link Replicator#proposeFromAnyNode}), carets are relayed to the
 * other nodes ({@link CursorRelay}), and the replay on resume waits, like any linearizable read,
 * until this node has applied what was committed when the stream started. A leader change ends no
 * stream; a node cut off from the leader ends its streams ({@link ClusterWatch}) and clients resume
 * elsewhere.
 */
public final class EventGrpcService extends EventServiceGrpc.EventServiceImplBase {
  /** How long a connection counts as online without a renewal. */
  static final long PRESENCE_LEASE_MILLIS = 30_000;

  /**
   * The most Subscribe streams one user may have open at this node. Each open stream renews its
   * presence through the log, so without a cap one account could turn open streams into a steady
   * stream of writes. An editor uses one stream plus one per open document.
   */
  public static final int MAX_STREAMS_PER_USER = 100;

  private final Replicator replicator;
  private final EventHub hub;
  private final java.util.concurrent.ScheduledExecutorService timers;
  private final java.util.concurrent.atomic.AtomicInteger open =
      new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.ConcurrentHashMap<String, Integer> openByUser =
      new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean nodeStopping;

  public EventGrpcService(
      Replicator replicator, EventHub hub, java.util.concurrent.ScheduledExecutorService timers) {
    this.replicator = replicator;
    this.hub = hub;
    this.timers = timers;
  }

  @Override
  public void subscribe(SubscribeRequest request, StreamObserver<Event> observer) {
    ServerCallStreamObserver<Event> stream = (ServerCallStreamObserver<Event>) observer;
    Optional<LiveStream> live =
        prepare(Caller.session(), request, EventHub.Outbound.of(stream), "events");
    if (live.isEmpty()) {
      return;
    }
    // A stream ends either way: the client cancels it, or this node ends it (a hand-over, a
    // shutdown, a failed start). gRPC runs only one of the two handlers, and without the second
    // a stream the node ended would go on renewing its presence for good.
    stream.setOnCancelHandler(live.get()::end);
    stream.setOnCloseHandler(live.get()::end);
    stream.setOnReadyHandler(live.get()::drain);
    live.get().start();
  }

  /**
   * Checks a request for a live stream and reserves its place among the user's streams; empty when
   * refused, after {@code outbound} was told why. Used by Subscribe and by the edit channel.
   *
   * @param what what the stream carries, for the redirect's message
   */
  Optional<LiveStream> prepare(
      SessionIndex.Session session,
      SubscribeRequest request,
      EventHub.Outbound outbound,
      String what) {
    if (!request.getAllDocuments() && request.getDocumentIdsCount() == 0) {
      outbound.fail(
          Statuses.invalid(
              new InvalidInputException("document_ids", "name documents or set all_documents")));
      return Optional.empty();
    }
    if (replicator.raftStatus().leaderId() == null) {
      // Cut off, or an election is running: neither the replay nor presence could be written.
      outbound.fail(
          Statuses.notLeader(
              replicator.notLeader(null),
              "no leader is known right now, so " + what + " cannot start here; retry shortly"));
      return Optional.empty();
    }
    if (!replicator.servesStreams()) {
      outbound.fail(
          Statuses.notLeader(
              replicator.notLeader(null),
              "the leader runs an older version that serves "
                  + what
                  + " itself until every member is upgraded; resume at the leader"));
      return Optional.empty();
    }
    if (openByUser.merge(session.userId(), 1, Integer::sum) > MAX_STREAMS_PER_USER) {
      openByUser.computeIfPresent(session.userId(), (user, n) -> n == 1 ? null : n - 1);
      outbound.fail(Statuses.tooManyStreams(MAX_STREAMS_PER_USER));
      return Optional.empty();
    }
    EventHub.Subscriber subscriber =
        hub.subscriber(
            session.userId(),
            Set.copyOf(request.getDocumentIdsList()),
            request.getAllDocuments(),
            request.getAcceptsBatches(),
            outbound);
    return Optional.of(new LiveStream(session, request, subscriber));
  }

  /**
   * One live stream: registered with the hub and replayed from its resume points in one step on the
   * Raft loop thread, online (presence renewed through the log) until it ends.
   */
  final class LiveStream {
    private final SessionIndex.Session session;
    private final SubscribeRequest request;
    private final EventHub.Subscriber subscriber;
    private final String connectionId = UUID.randomUUID().toString();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile ScheduledFuture<?> renewal;

    private LiveStream(
        SessionIndex.Session session, SubscribeRequest request, EventHub.Subscriber subscriber) {
      this.session = session;
      this.request = request;
      this.subscriber = subscriber;
    }

    void drain() {
      subscriber.drain();
    }

    /** Registers, replays what the client missed, marks Live, and counts the stream online. */
    void start() {
      renewal =
          timers.scheduleAtFixedRate(
              () -> {
                var unused = online(PRESENCE_LEASE_MILLIS);
              },
              PRESENCE_LEASE_MILLIS / 3,
              PRESENCE_LEASE_MILLIS / 3,
              TimeUnit.MILLISECONDS);
      open.incrementAndGet();
      var unused =
          replicator
              .read(this::registerAndReplay)
              .thenCompose(registered -> online(PRESENCE_LEASE_MILLIS))
              .whenComplete(
                  (ok, failure) -> {
                    if (failure != null) {
                      // Not counted as online (e.g. leadership moved meanwhile): end the stream
                      // so the client resumes where it will be.
                      renewal.cancel(false);
                      hub.unregister(subscriber);
                      subscriber.fail(Statuses.of(failure, replicator::notLeader));
                    }
                  });
    }

    /**
     * Proposes this connection's lease, unless the stream has ended. Proposals are made under this
     * stream's lock, so the lease that ends it is always logged after any lease that keeps it: a
     * first lease or a renewal still on its way when the client left would otherwise bring it back
     * online for a whole lease.
     */
    private synchronized CompletableFuture<CommandResult<String>> online(long lease) {
      if (ended.get()) {
        return CompletableFuture.completedFuture(new CommandResult.Applied<>(connectionId));
      }
      return presence(connectionId, session.userId(), request, lease);
    }

    /** Ends the stream's presence and registration; idempotent. */
    void end() {
      if (ended.compareAndSet(false, true)) {
        open.decrementAndGet();
        openByUser.computeIfPresent(session.userId(), (user, n) -> n == 1 ? null : n - 1);
        ScheduledFuture<?> renewing = renewal;
        if (renewing != null) {
          renewing.cancel(false);
        }
        hub.unregister(subscriber);
        subscriber.close();
        if (nodeStopping) {
          return; // the lease lapses unless the client's next stream renews the user
        }
        synchronized (this) {
          var unused = presence(connectionId, session.userId(), request, 0);
        }
      }
    }

    private boolean registerAndReplay(dev.raftpad.server.state.CollabState state) {
      // Every named document must be readable (one that does not exist yet is not refused: its
      // events, if it comes, go to its readers only).
      for (String documentId : request.getDocumentIdsList()) {
        if (state.access(documentId) != null) {
          Permissions.require(state, documentId, session.userId(), Role.VIEWER);
        }
      }
      hub.register(subscriber);
      for (Map.Entry<String, Long> resume : request.getAfterRevisionMap().entrySet()) {
        DocumentLog log = state.documentLog(resume.getKey());
        if (log == null || !state.roleOf(resume.getKey(), session.userId()).atLeast(Role.VIEWER)) {
          continue;
        }
        Optional<List<Revision>> missed = log.revisionsAfter(resume.getValue());
        if (missed.isEmpty()) {
          subscriber.offer(resync(resume.getKey(), log.headRevision()));
        } else {
          for (Revision revision : missed.get()) {
            subscriber.offer(committed(resume.getKey(), revision, state));
          }
        }
        subscriber.replayed(resume.getKey(), log.headRevision());
      }
      // Comment threads changed since the client's review version, as they are now (after the
      // replayed operations, so their anchors are at the head).
      for (Map.Entry<String, Long> resume : request.getAfterReviewVersionMap().entrySet()) {
        String documentId = resume.getKey();
        if (state.documentLog(documentId) == null
            || !state.roleOf(documentId, session.userId()).atLeast(Role.VIEWER)) {
          continue;
        }
        for (CommentThreadRecord thread :
            state.commentThreadsChangedAfter(documentId, resume.getValue())) {
          subscriber.offer(threadSync(documentId, thread, state));
        }
        subscriber.reviewReplayed(documentId, state.reviewVersion(documentId));
      }
      subscriber.offer(Event.newBuilder().setLive(Live.getDefaultInstance()).build());
      return true;
    }
  }

  /**
   * This node is going away: the streams it ends from now on leave their presence leases to their
   * clients, which resume at once at another member and stay online there. Ending the leases would
   * make everyone see those users leave and come back.
   */
  public void nodeStopping() {
    nodeStopping = true;
  }

  /** How many Subscribe streams this node serves now. */
  public int openStreams() {
    return open.get();
  }

  /** Records (lease > 0) or ends (lease 0) this connection's presence through the log. */
  private CompletableFuture<CommandResult<String>> presence(
      String connectionId, String userId, SubscribeRequest request, long lease) {
    return replicator.proposeFromAnyNode(
        Commands.presence(
            PresenceCommand.newBuilder()
                .setConnectionId(connectionId)
                .setUserId(userId)
                .addAllDocumentIds(request.getDocumentIdsList())
                .setLeaseMillis(lease)));
  }

  private static Event resync(String documentId, long head) {
    return Event.newBuilder()
        .setDocumentId(documentId)
        .setResync(
            Resync.newBuilder()
                .setHeadRevision(head)
                .setReason(ResyncReason.RESYNC_REASON_HISTORY_COMPACTED))
        .build();
  }

  private static Event committed(
      String documentId, Revision revision, dev.raftpad.server.state.CollabState state) {
    var author = state.user(revision.author());
    return Event.newBuilder()
        .setDocumentId(documentId)
        .setTime(AccountGrpcService.timestamp(revision.time().toEpochMilli()))
        .setOperation(
            OperationCommitted.newBuilder()
                .setRevision(revision.number())
                .setOperation(OperationCodec.toWire(revision.operation()))
                .setAuthor(
                    author == null
                        ? dev.raftpad.proto.v1.User.newBuilder()
                            .setUserId(revision.author())
                            .build()
                        : AccountGrpcService.user(author))
                .setClientId(revision.clientId())
                .setClientSeq(revision.clientSeq())
                .addAllSuggestions(
                    Suggestions.idsUsedBy(revision.operation()).stream()
                        .flatMap(id -> state.suggestion(documentId, id).stream())
                        .map(s -> ReviewWire.author(s, users(state)))
                        .toList()))
        .build();
  }

  private static Event threadSync(
      String documentId, CommentThreadRecord thread, dev.raftpad.server.state.CollabState state) {
    return Event.newBuilder()
        .setDocumentId(documentId)
        .setCommentChanged(
            CommentChanged.newBuilder()
                .setThread(ReviewWire.thread(thread, users(state)))
                .setAction(ReviewAction.REVIEW_ACTION_SYNC))
        .build();
  }

  private static java.util.function.Function<String, dev.raftpad.proto.v1.User> users(
      dev.raftpad.server.state.CollabState state) {
    return state::publicUser;
  }
}
