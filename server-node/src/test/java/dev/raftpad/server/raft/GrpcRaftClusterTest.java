package dev.raftpad.server.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.ErrorInfo;
import dev.raftpad.proto.v1.PeerMessage;
import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.Message;
import dev.raftpad.raft.core.RaftConfig;
import dev.raftpad.raft.core.RoleName;
import dev.raftpad.raft.core.SnapshotMeta;
import dev.raftpad.raft.runtime.NodeDriver;
import dev.raftpad.raft.runtime.RaftException;
import dev.raftpad.raft.runtime.RaftServer;
import dev.raftpad.raft.spi.StateMachine;
import dev.raftpad.raft.storage.FileStorage;
import dev.raftpad.server.NodeServer;
import dev.raftpad.testkit.Await;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three Raft nodes talking over real gRPC on loopback, with real data dirs. */
class GrpcRaftClusterTest {
  private static final String CLUSTER = "grpc-test";
  private static final ClusterSecret SECRET = new ClusterSecret("a-secret-of-32-characters-long!!");
  private static final Membership MEMBERS = Membership.ofVoters("n1", "n2", "n3");

  @TempDir Path root;
  private final Map<String, Node> nodes = new ConcurrentHashMap<>();
  private final Map<String, Integer> ports = new ConcurrentHashMap<>();

  /** Appends every command to a list. */
  static final class Journal implements StateMachine<Integer> {
    final List<String> entries = new ArrayList<>();

    @Override
    public synchronized Integer apply(long index, byte[] command) {
      entries.add(new String(command, StandardCharsets.UTF_8));
      return entries.size();
    }

    @Override
    public synchronized Image snapshot() {
      byte[] bytes = String.join("\n", entries).getBytes(StandardCharsets.UTF_8);
      return () -> bytes;
    }

    @Override
    public synchronized void restore(SnapshotMeta meta, byte[] data) {
      entries.clear();
      String text = new String(data, StandardCharsets.UTF_8);
      if (!text.isEmpty()) {
        entries.addAll(List.of(text.split("\n", -1)));
      }
    }

    synchronized List<String> copy() {
      return List.copyOf(entries);
    }
  }

  private record Node(
      NodeServer server, RaftServer<Integer> raft, GrpcTransport transport, Journal journal) {
    void stop() throws Exception {
      raft.close();
      transport.close();
      server.close();
    }
  }

  private void start(String id) throws IOException {
    FileStorage storage = new FileStorage(root.resolve(id));
    Journal journal = new Journal();
    var raftRef = new java.util.concurrent.atomic.AtomicReference<RaftServer<Integer>>();
    GrpcTransport transport =
        new GrpcTransport(
            CLUSTER,
            SECRET,
            InsecureChannelCredentials.create(),
            peer -> ports.containsKey(peer) ? "127.0.0.1:" + ports.get(peer) : null,
            new GrpcTransport.Feedback() {
              @Override
              public void reportUnreachable(String peer) {
                raftRef.get().reportUnreachable(peer);
              }

              @Override
              public void reportSnapshot(String peer, boolean delivered) {
                raftRef.get().reportSnapshot(peer, delivered);
              }

              @Override
              public void reportConnectionLost(String peer) {
                raftRef.get().reportConnectionLost(peer);
              }
            });
    NodeDriver<Integer> driver =
        NodeDriver.open(
            id,
            RaftConfig.defaults(),
            new SplittableRandom(id.hashCode()),
            storage,
            transport,
            journal,
            MEMBERS,
            new NodeDriver.SnapshotPolicy(20, 5));
    RaftServer<Integer> raft = new RaftServer<>(driver, storage, CLUSTER, Duration.ofMillis(20));
    raftRef.set(raft);
    var peerService =
        ServerInterceptors.intercept(
            new RaftPeerGrpcService(id, raft::receive, 64L * 1024 * 1024),
            SECRET.serverInterceptor());
    NodeServer server =
        NodeServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.getOrDefault(id, 0)),
            InsecureServerCredentials.create(),
            List.of(() -> peerService));
    ports.put(id, server.port());
    nodes.put(id, new Node(server, raft.start(), transport, journal));
  }

  @AfterEach
  void stopAll() throws Exception {
    for (Node node : nodes.values()) {
      node.stop();
    }
  }

  private Node leader() {
    Await.until(
        "a leader is elected",
        () -> nodes.values().stream().anyMatch(n -> n.raft().status().role() == RoleName.LEADER));
    return nodes.values().stream()
        .filter(n -> n.raft().status().role() == RoleName.LEADER)
        .findFirst()
        .orElseThrow();
  }

  private int propose(String command) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        return leader()
            .raft()
            .propose(command.getBytes(StandardCharsets.UTF_8))
            .get(10, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof RaftException r) || !r.definitelyNotApplied()) {
          throw e;
        }
      } catch (TimeoutException e) {
        throw new AssertionError("proposal " + command + " timed out", e);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no leader took " + command);
      }
    }
  }

  @Test
  void replicatesOverGrpcAndCatchesUpARestartedNodeWithAChunkedSnapshot() throws Exception {
    for (String id : MEMBERS.voters()) {
      start(id);
    }
    assertThat(propose("first")).isEqualTo(1);

    String follower =
        nodes.entrySet().stream()
            .filter(e -> e.getValue().raft().status().role() != RoleName.LEADER)
            .findFirst()
            .orElseThrow()
            .getKey();
    nodes.remove(follower).stop();
    for (int i = 0; i < 60; i++) { // the leader compacts its log meanwhile
      propose("v" + i);
    }
    start(follower);

    List<String> expected = leader().journal().copy();
    assertThat(expected).hasSize(61);
    Await.until(
        "the restarted follower caught up through a snapshot",
        () -> nodes.get(follower).journal().copy().equals(expected));
  }

  @Test
  void peerCallsWithoutTheSecretAreRefused() throws Exception {
    start("n1");
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", ports.get("n1")).usePlaintext().build();
    try {
      Throwable error = PeerCalls.deliver(channel, PeerMessage.getDefaultInstance());
      StatusRuntimeException refused =
          catchThrowableOfType(
              StatusRuntimeException.class,
              () -> {
                throw error;
              });
      assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void peerCallsFromAnotherClusterAreRefusedWithWrongCluster() throws Exception {
    start("n1");
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", ports.get("n1"))
            .usePlaintext()
            .intercept(SECRET.clientInterceptor())
            .build();
    try {
      Throwable error =
          PeerCalls.deliver(
              channel,
              PeerMessages.toWire("another-cluster", new Message.Heartbeat("x9", "n1", 99, 0, 0)));
      assertThat(error).as("the stream is refused, not acknowledged").isNotNull();
      StatusRuntimeException refused = (StatusRuntimeException) error;
      assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(StatusProto.fromThrowable(refused).getDetailsList())
          .anySatisfy(
              any ->
                  assertThat(any.unpack(ErrorInfo.class).getReason()).isEqualTo("WRONG_CLUSTER"));
      assertThat(nodes.get("n1").raft().status().term())
          .as("the foreign heartbeat changed nothing")
          .isLessThan(99);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  // A follower stands for election at once when its leader's connection breaks, so the transport
  // must tell a broken connection (UNAVAILABLE) from a stream the peer refused.
  @Test
  void aPeerThatGoesAwayIsReportedAsALostConnectionButARefusedStreamIsNot() throws Exception {
    start("n1");
    String address = "127.0.0.1:" + ports.get("n1");
    Message stale = new Message.Heartbeat("x9", "n1", 0, 0, 0); // an old term: n1 ignores it

    RecordingFeedback refused = new RecordingFeedback();
    try (GrpcTransport foreign =
        new GrpcTransport(
            "another-cluster",
            SECRET,
            InsecureChannelCredentials.create(),
            peer -> address,
            refused)) {
      foreign.send(stale);
      Await.until("the foreign stream is refused", () -> refused.unreachable.contains("n1"));
    }
    assertThat(refused.connectionLost).isEmpty();

    RecordingFeedback feedback = new RecordingFeedback();
    try (GrpcTransport transport =
        new GrpcTransport(
            CLUSTER, SECRET, InsecureChannelCredentials.create(), peer -> address, feedback)) {
      transport.send(stale);
      nodes.remove("n1").stop();
      Await.until(
          "the lost connection is reported",
          () -> {
            transport.send(stale);
            return feedback.connectionLost.contains("n1");
          });
    }
  }

  /** Remembers what a transport reported. */
  private static final class RecordingFeedback implements GrpcTransport.Feedback {
    final List<String> unreachable = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<String> connectionLost = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void reportUnreachable(String peer) {
      unreachable.add(peer);
    }

    @Override
    public void reportSnapshot(String peer, boolean delivered) {}

    @Override
    public void reportConnectionLost(String peer) {
      connectionLost.add(peer);
    }
  }
}
