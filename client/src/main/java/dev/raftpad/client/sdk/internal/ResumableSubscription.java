package dev.raftpad.client.sdk.internal;

import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.events.ConnectionState;
import dev.raftpad.client.sdk.model.ClusterStatus;
import dev.raftpad.client.sdk.model.MemberStatus;
import dev.raftpad.proto.v1.AlertKind;
import dev.raftpad.proto.v1.EditChannelRequest;
import dev.raftpad.proto.v1.EditChannelResponse;
import dev.raftpad.proto.v1.EditRefused;
import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.EventServiceGrpc;
import dev.raftpad.proto.v1.SubscribeRequest;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One logical Subscribe that survives disconnects and leader changes: each time the stream breaks
 * (or the leader moves elsewhere) it finds the leader and subscribes again with the handler's
 * resume points, so the server replays what was missed, then marks Live.
 *
 * <p>An editing session's subscription is an edit channel instead ({@link #editChannel}): the same
 * events arrive on EditService.EditChannel, whose stream also carries the session's operations and
 * carets up ({@link #send}) and refusals down ({@link Handler#onRefused}).
 *
 * <p>Every physical stream has a generation; events of an older generation are dropped by the
 * handler (they may still arrive after a cancel). Reconnects run on the connection's timer thread,
 * never on a gRPC thread.
 */
public final class ResumableSubscription implements AutoCloseable {
  /** What the owner of the subscription provides and receives. */
  public interface Handler {
    /** Per document, the last revision already seen (any thread). */
    Map<String, Long> resumePoints();

    /**
     * Per document, the review version of the comments already seen (any thread): threads changed
     * after it are sent again on resume. Empty for a subscriber that does not follow comments.
     */
    default Map<String, Long> reviewResumePoints() {
      return Map.of();
    }

    /** The next event of stream {@code generation}, in order, on a gRPC thread. */
    void onEvent(long generation, Event event);

    /** The connection state changed. */
    void onState(ConnectionState state);

    /** The subscription stopped for good (e.g. the session ended, the document is gone). */
    void onFailed(RaftpadException failure);

    /**
     * An edit channel's operation that the server will never apply, on a gRPC thread: {@code
     * clientId} and {@code clientSeq} name it.
     */
    default void onRefused(String clientId, long clientSeq, RaftpadException reason) {}
  }

  /** At most this long after a leader change an edit channel moves to the new leader. */
  private static final long MAX_FOLLOW_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** Consecutive UNAUTHENTICATED answers tolerated before the session counts as ended. */
  private static final int MAX_AUTH_RETRIES = 10;

  private final Connection connection;
  private final List<String> documentIds;
  private final boolean allDocuments;
  private final String clientId;
  private final Handler handler;
  private final Backoff backoff;
  private final boolean channel;

  private long generation;
  private ClientCallStreamObserver<?> call;
  private ClientCallStreamObserver<EditChannelRequest> channelCall;
  private String streamAddress;
  private boolean live;
  private boolean closed;
  private int failures;
  private int authFailures;
  private long disconnectedSince;
  private ConnectionState state = ConnectionState.CONNECTING;

  public ResumableSubscription(
      Connection connection,
      List<String> documentIds,
      boolean allDocuments,
      String clientId,
      Handler handler) {
    this(connection, documentIds, allDocuments, clientId, handler, false);
  }

  private ResumableSubscription(
      Connection connection,
      List<String> documentIds,
      boolean allDocuments,
      String clientId,
      Handler handler,
      boolean channel) {
    this.channel = channel;
    this.connection = connection;
    this.documentIds = List.copyOf(documentIds);
    this.allDocuments = allDocuments;
    this.clientId = clientId;
    this.handler = handler;
    this.backoff =
        new Backoff(connection.options().initialBackoff(), connection.options().maxBackoff());
    this.disconnectedSince = System.nanoTime();
  }

  /** An editing session's subscription of one document, on an edit channel. */
  public static ResumableSubscription editChannel(
      Connection connection, String documentId, String clientId, Handler handler) {
    return new ResumableSubscription(
        connection, List.of(documentId), false, clientId, handler, true);
  }

  public void start() {
    schedule(0);
  }

  /**
   * Sends an operation or a caret on the current edit channel, behind its open message; false when
   * there is none right now (the owner sends its unconfirmed operation again once Live).
   */
  public boolean send(EditChannelRequest message) {
    synchronized (this) {
      if (closed || channelCall == null) {
        return false;
      }
      channelCall.onNext(message);
      return true;
    }
  }

  public synchronized long generation() {
    return generation;
  }

  public synchronized ConnectionState state() {
    return state;
  }

  /** Drops the current stream and subscribes again now, from fresh resume points. */
  public void restart() {
    synchronized (this) {
      if (closed) {
        return;
      }
      generation++;
      cancelCall("restart");
    }
    schedule(0);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      generation++;
      cancelCall("closed");
    }
    setState(ConnectionState.CLOSED);
  }

  private void schedule(long delayNanos) {
    long expected;
    synchronized (this) {
      if (closed) {
        return;
      }
      expected = generation;
    }
    try {
      var unused =
          connection
              .scheduler()
              .schedule(() -> connect(expected), delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The client is closing.
    }
  }

  private void connect(long expected) {
    String address = locateStreamNode();
    SubscribeRequest.Builder request =
        SubscribeRequest.newBuilder()
            .addAllDocumentIds(documentIds)
            .setAllDocuments(allDocuments)
            .setClientId(clientId)
            .setAcceptsBatches(true)
            .putAllAfterRevision(handler.resumePoints())
            .putAllAfterReviewVersion(handler.reviewResumePoints());
    long gen;
    synchronized (this) {
      if (closed || generation != expected) {
        return;
      }
      gen = ++generation;
      streamAddress = address;
      live = false;
    }
    if (channel) {
      ChannelObserver observer = new ChannelObserver(new Observer(gen, address));
      var upstream = EditServiceGrpc.newStub(connection.channel(address)).editChannel(observer);
      synchronized (this) {
        if (observer.stream != null && gen == generation && !closed) {
          channelCall = observer.stream;
          upstream.onNext(EditChannelRequest.newBuilder().setOpen(request).build());
        }
      }
    } else {
      EventServiceGrpc.newStub(connection.channel(address))
          .subscribe(request.build(), new Observer(gen, address));
    }
    // A stream that does not become live within an attempt timeout is abandoned and retried.
    try {
      var unused =
          connection
              .scheduler()
              .schedule(
                  () -> watchdog(gen),
                  connection.options().attemptTimeout().toNanos(),
                  TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The client is closing.
    }
  }

  /**
   * Where this stream goes. Every node serves streams (ADR 0014), so a read-only subscription goes
   * to one member chosen by its client id, which spreads readers over the cluster. An editing
   * session's channel goes to the leader: its operations would otherwise take one more hop (the
   * follower forwards them and confirms them only once it has applied them), which measured as a
   * third less throughput for typing. After a failed attempt the leader is tried (a follower that
   * lags may not know the session yet, or be cut off). The members are asked of the node we would
   * call anyway (any node answers status).
   */
  private String locateStreamNode() {
    LeaderTracker tracker = connection.tracker();
    String target = tracker.target();
    if (tracker.pinned() || connection.token().isEmpty()) {
      return target;
    }
    try {
      ClusterStatus status = connection.statusAt(target);
      List<String> members =
          status.members().stream()
              .map(MemberStatus::clientAddress)
              .filter(address -> !address.isEmpty())
              .sorted()
              .toList();
      tracker.learned(status.leaderAddress(), members);
      boolean retrying;
      synchronized (this) {
        retrying = failures > 0;
      }
      if (channel || retrying || members.isEmpty()) {
        return status.leaderAddress().orElse(target);
      }
      return StreamPlacement.memberFor(clientId, members);
    } catch (RuntimeException e) {
      return target; // the subscribe attempt itself will fail over
    }
  }

  /**
   * An edit channel follows the leader: a session left at a former leader (a hand-over, not a
   * crash, keeps its stream) would go on paying the forwarding hop for every operation. After a
   * random pause, so that the sessions of a busy node do not all move at the same instant, it asks
   * where the leader is and moves there if that is not where it is; the move is a resume, which
   * sends again whatever was not confirmed, exactly once.
   */
  private void followLeaderLater(long gen) {
    long pauseNanos =
        java.util.concurrent.ThreadLocalRandom.current().nextLong(MAX_FOLLOW_PAUSE_NANOS + 1);
    try {
      var unused =
          connection
              .scheduler()
              .schedule(() -> followLeader(gen), pauseNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The client is closing.
    }
  }

  private void followLeader(long gen) {
    String at;
    synchronized (this) {
      if (closed || gen != generation || !live || connection.tracker().pinned()) {
        return; // the stream moved or broke meanwhile and was placed anew, or stays where pinned
      }
      at = streamAddress;
    }
    Optional<String> leader;
    try {
      leader = connection.statusAt(at).leaderAddress();
    } catch (RuntimeException e) {
      return; // the stream's own failure handling takes over if the node is in trouble
    }
    if (leader.isPresent() && !leader.get().equals(at)) {
      synchronized (this) {
        if (closed || gen != generation) {
          return;
        }
        generation++;
        cancelCall("following the leader to " + leader.get());
      }
      schedule(0);
    }
  }

  private void watchdog(long gen) {
    synchronized (this) {
      if (closed || gen != generation || live) {
        return;
      }
      connection.tracker().failed(streamAddress);
      generation++;
      cancelCall("not live in time");
    }
    reconnectLater();
  }

  private void cancelCall(String why) {
    if (call != null) {
      call.cancel(why, null);
      call = null;
      channelCall = null;
    }
  }

  private void reconnectLater() {
    int n;
    boolean offline;
    synchronized (this) {
      if (closed) {
        return;
      }
      long now = System.nanoTime();
      if (state == ConnectionState.CONNECTED) {
        disconnectedSince = now;
      }
      n = failures++;
      offline = now - disconnectedSince > connection.options().offlineAfter().toNanos();
    }
    setState(offline ? ConnectionState.OFFLINE : ConnectionState.RECONNECTING);
    schedule(backoff.pauseNanos(n));
  }

  private void setState(ConnectionState next) {
    synchronized (this) {
      if (state == next || state == ConnectionState.CLOSED) {
        return;
      }
      state = next;
    }
    handler.onState(next);
  }

  /** An edit channel's stream: its events go to the same observer as a Subscribe's. */
  private final class ChannelObserver
      implements ClientResponseObserver<EditChannelRequest, EditChannelResponse> {
    private final Observer events;
    private ClientCallStreamObserver<EditChannelRequest> stream;
    private ReceiveWindow window;

    ChannelObserver(Observer events) {
      this.events = events;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<EditChannelRequest> started) {
      window = ReceiveWindow.open(started);
      synchronized (ResumableSubscription.this) {
        if (events.gen == generation && !closed) {
          call = started;
          stream = started;
          return;
        }
      }
      started.cancel("superseded", null);
    }

    @Override
    public void onNext(EditChannelResponse response) {
      window.handled();
      switch (response.getKindCase()) {
        case EVENT -> events.onNext(response.getEvent());
        case REFUSED -> {
          synchronized (ResumableSubscription.this) {
            if (events.gen != generation || closed) {
              return;
            }
          }
          EditRefused refused = response.getRefused();
          handler.onRefused(
              refused.getClientId(),
              refused.getClientSeq(),
              ErrorMapper.classify(StatusProto.toStatusRuntimeException(refused.getStatus()))
                  .exception());
        }
        case KIND_NOT_SET -> {}
      }
    }

    @Override
    public void onError(Throwable t) {
      events.onError(t);
    }

    @Override
    public void onCompleted() {
      events.onCompleted();
    }
  }

  private final class Observer implements ClientResponseObserver<SubscribeRequest, Event> {
    private final long gen;
    private final String address;

    /** Set when this observer is a Subscribe call's own (an edit channel counts for it). */
    private ReceiveWindow window;

    Observer(long gen, String address) {
      this.gen = gen;
      this.address = address;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<SubscribeRequest> stream) {
      window = ReceiveWindow.open(stream);
      synchronized (ResumableSubscription.this) {
        if (gen == generation && !closed) {
          call = stream;
          return;
        }
      }
      stream.cancel("superseded", null);
    }

    @Override
    public void onNext(Event event) {
      if (window != null) {
        window.handled();
      }
      if (event.hasBatch()) { // events that waited at the node, in order (ADR 0018)
        event.getBatch().getEventsList().forEach(this::deliver);
      } else {
        deliver(event);
      }
    }

    private void deliver(Event event) {
      boolean becameLive = false;
      synchronized (ResumableSubscription.this) {
        if (gen != generation || closed) {
          return;
        }
        if (event.hasLive()) {
          live = true;
          failures = 0;
          authFailures = 0;
          becameLive = true;
        }
      }
      handler.onEvent(gen, event);
      if (becameLive) {
        setState(ConnectionState.CONNECTED);
      }
      if (channel
          && event.hasAlert()
          && event.getAlert().getKind() == AlertKind.ALERT_KIND_LEADER_CHANGED) {
        followLeaderLater(gen);
      }
    }

    @Override
    public void onError(Throwable t) {
      ErrorMapper.Failure failure = ErrorMapper.classify(t);
      synchronized (ResumableSubscription.this) {
        if (gen != generation || closed) {
          return;
        }
        call = null;
        channelCall = null;
        generation++;
      }
      Optional<ErrorMapper.Redirect> redirect = failure.redirect();
      if (redirect.isPresent()) {
        connection.tracker().redirected(address, redirect.get());
      } else if (failure.reason() == RaftpadException.Reason.UNAVAILABLE) {
        connection.tracker().failed(address);
      }
      boolean lagging;
      synchronized (ResumableSubscription.this) {
        // A node that lags may not know a session the leader knows: try elsewhere a few times.
        lagging =
            failure.reason() == RaftpadException.Reason.UNAUTHENTICATED
                && ++authFailures <= MAX_AUTH_RETRIES;
      }
      if (lagging) {
        connection.tracker().failed(address);
      }
      if (lagging
          || failure.reason().isTransient()
          || failure.reason() == RaftpadException.Reason.CANCELLED
          || failure.reason() == RaftpadException.Reason.INTERNAL) {
        reconnectLater();
      } else {
        synchronized (ResumableSubscription.this) {
          closed = true;
        }
        setState(ConnectionState.OFFLINE);
        handler.onFailed(failure.exception());
      }
    }

    @Override
    public void onCompleted() {
      // The server ended the stream (it is shutting down): resume elsewhere.
      synchronized (ResumableSubscription.this) {
        if (gen != generation || closed) {
          return;
        }
        call = null;
        channelCall = null;
        generation++;
      }
      connection.tracker().failed(address);
      reconnectLater();
    }
  }
}
