package dev.raftpad.client.sdk.internal;

import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.model.ClusterStatus;
import dev.raftpad.proto.v1.ClusterServiceGrpc;
import dev.raftpad.proto.v1.GetClusterStatusRequest;
import dev.raftpad.rpc.requestid.RequestIdClientInterceptor;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * What every part of one client shares: the channels, the leader tracker, the session token, the
 * retrier, a timer thread for reconnects, workers for background sends, and the event executor.
 */
public final class Connection implements AutoCloseable {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final ClientOptions options;
  private final LeaderTracker tracker;
  private final ChannelPool pool;
  private final AtomicReference<String> token = new AtomicReference<>();
  private final ClientInterceptor auth = new BearerToken();
  private final ClientInterceptor requestIds;
  private final Retrier retrier;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("raftpad-timer").factory());
  private final ExecutorService workers =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("raftpad-worker-", 0).factory());
  private final ExecutorService ownEvents;
  private final Executor events;
  private volatile boolean closed;

  public Connection(List<String> seeds, ClientOptions options) {
    this.options = options;
    this.pool = new ChannelPool(options.channelCredentials());
    this.requestIds = new RequestIdClientInterceptor(options.requestId());
    this.tracker = new LeaderTracker(seeds, options.pinned());
    this.retrier = new Retrier(tracker, () -> token.get() != null, this::channel, options);
    if (options.eventExecutor() == null) {
      ownEvents =
          Executors.newSingleThreadExecutor(
              Thread.ofPlatform().daemon().name("raftpad-events").factory());
      events = ownEvents;
    } else {
      ownEvents = null;
      events = options.eventExecutor();
    }
  }

  public ClientOptions options() {
    return options;
  }

  public LeaderTracker tracker() {
    return tracker;
  }

  /**
   * The channel to {@code address}: every call carries a request id, and the session token when
   * there is one.
   */
  public Channel channel(String address) {
    return ClientInterceptors.intercept(pool.channel(address), auth, requestIds);
  }

  public void token(String value) {
    token.set(value);
  }

  public Optional<String> token() {
    return Optional.ofNullable(token.get());
  }

  public <T> T call(CallKind kind, Function<Retrier.Attempt, T> rpc) {
    if (closed) {
      // Fail at once: retrying against closed channels would only wait out the call deadline.
      throw new RaftpadException(RaftpadException.Reason.CANCELLED, "the client is closed");
    }
    return retrier.call(kind, rpc);
  }

  /** One attempt at one node, no retry: used to find the leader before opening a stream. */
  public ClusterStatus statusAt(String address) {
    var response =
        ClusterServiceGrpc.newBlockingStub(channel(address))
            .withDeadlineAfter(options.attemptTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .getClusterStatus(GetClusterStatusRequest.getDefaultInstance());
    return Wire.cluster(response.getStatus());
  }

  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  public ExecutorService workers() {
    return workers;
  }

  /** Where listeners run, one task at a time. */
  public Executor events() {
    return events;
  }

  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    scheduler.shutdownNow();
    workers.shutdownNow();
    pool.close();
    if (ownEvents != null) {
      ownEvents.shutdown();
    }
  }

  /** Adds {@code authorization: Bearer <token>} to every call once signed in. */
  private final class BearerToken implements ClientInterceptor {
    @Override
    public <Q, A> ClientCall<Q, A> interceptCall(
        MethodDescriptor<Q, A> method, CallOptions callOptions, Channel next) {
      return new ForwardingClientCall.SimpleForwardingClientCall<>(
          next.newCall(method, callOptions)) {
        @Override
        public void start(Listener<A> listener, Metadata headers) {
          String current = token.get();
          if (current != null) {
            headers.put(AUTHORIZATION, "Bearer " + current);
          }
          super.start(listener, headers);
        }
      };
    }
  }
}
