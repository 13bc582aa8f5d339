package dev.raftpad.server.raft;

import dev.raftpad.proto.v1.DeliverAck;
import dev.raftpad.proto.v1.InstallSnapshotResponse;
import dev.raftpad.proto.v1.PeerHeader;
import dev.raftpad.proto.v1.PeerMessage;
import dev.raftpad.proto.v1.RaftPeerServiceGrpc;
import dev.raftpad.proto.v1.RelayedEvent;
import dev.raftpad.proto.v1.SnapshotChunk;
import dev.raftpad.raft.core.Message;
import dev.raftpad.raft.spi.Transport;
import io.grpc.ChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The Raft transport over gRPC. One long-lived client stream ({@code Deliver}) per peer carries its
 * messages in order; snapshots go on a stream of their own, from a separate thread, so a large
 * snapshot never delays heartbeats. {@link #send} never blocks: gRPC buffers, and Raft's own flow
 * control bounds how much is in flight. A broken stream is reported (the leader stops pipelining)
 * and reopened on the next message; a connection that broke (UNAVAILABLE: the peer's process died
 * and its operating system reset the connection, or the network dropped it) is reported as such, so
 * a follower that loses its leader can stand for election at once. A peer that cannot be reached is
 * connected to again every {@link #RECONNECT_EVERY_MILLIS} ms, not after gRPC's exponential backoff
 * (up to two minutes), whether or not anything is being sent: a restarted node must hear its leader
 * at once, and a follower's answer to another follower's (pre-)vote request, the first message on
 * that link since the other one restarted, must not meet a channel still waiting out its backoff
 * (the call would fail at once).
 */
public final class GrpcTransport implements Transport, AutoCloseable {
  /** What the transport tells the Raft runtime. */
  public interface Feedback {
    void reportUnreachable(String peer);

    void reportSnapshot(String peer, boolean delivered);

    /** The connection to {@code peer} broke (UNAVAILABLE), e.g. because its process died. */
    void reportConnectionLost(String peer);

    /**
     * The other members, whose connections are kept open even while nothing is sent to them: two
     * followers talk only when they elect, and an election must not wait for a connection.
     */
    default Set<String> peers() {
      return Set.of();
    }
  }

  private static final long RECONNECT_EVERY_MILLIS = 200;
  private static final long KEEP_CONNECTED_EVERY_MILLIS = 1000;

  private final String clusterId;
  private final ClusterSecret secret;
  private final ChannelCredentials credentials;
  private final Function<String, String> peerAddress;
  private final Feedback feedback;
  private final Map<String, PeerLink> links = new ConcurrentHashMap<>();
  private final ExecutorService snapshotSender =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().daemon().name("snapshot-sender").factory());
  private final ScheduledExecutorService reconnects =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("peer-reconnect").factory());

  /**
   * @param credentials how to dial a peer: mutual TLS with this node's certificate ({@code
   *     GrpcTls.peerClient}), or plaintext with {@code --insecure}
   * @param peerAddress the host:port of a peer's peer API, or {@code null} if unknown
   */
  public GrpcTransport(
      String clusterId,
      ClusterSecret secret,
      ChannelCredentials credentials,
      Function<String, String> peerAddress,
      Feedback feedback) {
    this.clusterId = clusterId;
    this.secret = secret;
    this.credentials = credentials;
    this.peerAddress = peerAddress;
    this.feedback = feedback;
    var unused =
        reconnects.scheduleWithFixedDelay(
            this::keepConnected,
            KEEP_CONNECTED_EVERY_MILLIS,
            KEEP_CONNECTED_EVERY_MILLIS,
            TimeUnit.MILLISECONDS);
  }

  @Override
  public void send(Message message) {
    PeerLink link = link(message.to());
    if (link == null) {
      return; // no address known yet: like a lost message
    }
    if (message instanceof Message.InstallSnapshot snapshot) {
      var unused = snapshotSender.submit(() -> link.sendSnapshot(snapshot));
    } else {
      link.send(PeerMessages.toWire(clusterId, message));
    }
  }

  /**
   * Sends an ephemeral event (a caret) to {@code peer}, on the same ordered stream as its Raft
   * messages; dropped when the peer's address is unknown or its stream breaks, like any message.
   */
  public void relay(String peer, com.google.protobuf.ByteString event) {
    PeerLink link = link(peer);
    if (link == null) {
      return;
    }
    link.send(
        PeerMessage.newBuilder()
            .setHeader(PeerHeader.newBuilder().setClusterId(clusterId).setToNodeId(peer))
            .setRelayedEvent(RelayedEvent.newBuilder().setEvent(event))
            .build());
  }

  /** Opens (or reopens) the connection to every other member that has none. */
  private void keepConnected() {
    try {
      for (String peer : feedback.peers()) {
        PeerLink link = link(peer);
        if (link != null) {
          link.connect();
        }
      }
    } catch (RuntimeException e) {
      // The node is starting or stopping; the next round tries again.
    }
  }

  private synchronized PeerLink link(String peer) {
    PeerLink existing = links.get(peer);
    String address = peerAddress.apply(peer);
    if (existing != null && existing.address.equals(address)) {
      return existing;
    }
    if (address == null) {
      return null;
    }
    PeerLink fresh = new PeerLink(peer, address);
    PeerLink previous = links.put(peer, fresh);
    if (previous != null) {
      previous.close();
    }
    return fresh;
  }

  @Override
  public void close() {
    snapshotSender.shutdownNow();
    reconnects.shutdownNow();
    links.values().forEach(PeerLink::close);
    links.clear();
  }

  /** How a peer ends a link whose messages it refuses, as opposed to a connection lost. */
  private static final Set<Status.Code> REFUSALS =
      Set.of(
          Status.Code.INVALID_ARGUMENT,
          Status.Code.FAILED_PRECONDITION,
          Status.Code.PERMISSION_DENIED,
          Status.Code.UNAUTHENTICATED,
          Status.Code.UNIMPLEMENTED);

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(GrpcTransport.class);

  /** The connection to one peer. */
  private final class PeerLink {
    private final String peer;
    private final String address;
    private final ManagedChannel channel;
    private StreamObserver<PeerMessage> stream;
    private long lastRefusalWarning;

    /**
     * Set before the channel is shut down (this node stops, or the peer moved): the streams then
     * fail with UNAVAILABLE too, but the peer did not go away.
     */
    private volatile boolean closed;

    PeerLink(String peer, String address) {
      this.peer = peer;
      this.address = address;
      this.channel =
          NettyChannelBuilder.forTarget(address, credentials)
              .intercept(secret.clientInterceptor())
              .maxInboundMessageSize(64 * 1024 * 1024)
              .build();
      watchConnectivity();
    }

    synchronized void send(PeerMessage message) {
      if (stream == null) {
        StreamEnd end = new StreamEnd();
        stream = RaftPeerServiceGrpc.newStub(channel).deliver(end);
        end.stream = stream; // callbacks that need it wait for this lock
      }
      stream.onNext(message);
    }

    /** Whenever the channel fails to connect, cuts gRPC's reconnect backoff short. */
    private void watchConnectivity() {
      ConnectivityState state = channel.getState(false);
      if (state == ConnectivityState.SHUTDOWN) {
        return;
      }
      if (state == ConnectivityState.TRANSIENT_FAILURE) {
        try {
          var unused =
              reconnects.schedule(
                  channel::resetConnectBackoff, RECONNECT_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
          return; // the transport is closing
        }
      }
      channel.notifyWhenStateChanged(state, this::watchConnectivity);
    }

    /** At most once a minute per peer: a refusal repeats with every message until it is fixed. */
    private synchronized void warnRefused(Status status) {
      long now = System.nanoTime();
      if (lastRefusalWarning == 0 || now - lastRefusalWarning >= TimeUnit.MINUTES.toNanos(1)) {
        lastRefusalWarning = now;
        log.warn("{} ended the peer link: {}", peer, status);
      }
    }

    @SuppressWarnings("ReferenceEquality") // which stream instance broke is exactly the question
    private synchronized void broken(StreamObserver<PeerMessage> which) {
      if (stream == which) {
        stream = null;
      }
    }

    void sendSnapshot(Message.InstallSnapshot snapshot) {
      var done = new CompletableFuture<Boolean>();
      StreamObserver<SnapshotChunk> chunks =
          RaftPeerServiceGrpc.newStub(channel)
              .withDeadlineAfter(10, TimeUnit.MINUTES)
              .installSnapshot(
                  new StreamObserver<>() {
                    @Override
                    public void onNext(InstallSnapshotResponse response) {
                      done.complete(response.getAccepted());
                    }

                    @Override
                    public void onError(Throwable t) {
                      done.complete(false);
                    }

                    @Override
                    public void onCompleted() {
                      done.complete(false);
                    }
                  });
      try {
        for (SnapshotChunk chunk : SnapshotChunks.split(clusterId, snapshot)) {
          chunks.onNext(chunk);
        }
        chunks.onCompleted();
        feedback.reportSnapshot(peer, done.get(10, TimeUnit.MINUTES));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        feedback.reportSnapshot(peer, false);
      } catch (java.util.concurrent.ExecutionException
          | java.util.concurrent.TimeoutException
          | RuntimeException e) {
        chunks.onError(e);
        feedback.reportSnapshot(peer, false);
      }
    }

    /** Connects now if the channel is idle (nothing sent to the peer for a while, or ever). */
    void connect() {
      var unused = channel.getState(true);
    }

    void close() {
      closed = true;
      channel.shutdownNow();
    }

    /** Watches the far end of one Deliver stream. */
    private final class StreamEnd implements StreamObserver<DeliverAck> {
      private StreamObserver<PeerMessage> stream;

      @Override
      public void onNext(DeliverAck ack) {}

      @Override
      public void onError(Throwable t) {
        synchronized (PeerLink.this) {
          broken(stream);
        }
        feedback.reportUnreachable(peer);
        Status status = Status.fromThrowable(t);
        if (!closed && status.getCode() == Status.Code.UNAVAILABLE) {
          feedback.reportConnectionLost(peer);
        } else if (!closed && REFUSALS.contains(status.getCode())) {
          // Not the network: the peer refused what this node sent (another cluster, a bad secret,
          // a version that cannot read it). Raft retries, but an operator must hear of it.
          warnRefused(status);
        }
      }

      @Override
      public void onCompleted() {
        synchronized (PeerLink.this) {
          broken(stream);
        }
      }
    }
  }
}
