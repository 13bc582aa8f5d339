package dev.raftpad.benchmarks.raft;

import dev.raftpad.benchmarks.TempDir;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * Apache Ratis with its defaults but for what the comparison needs: three {@link RaftServer}s over
 * gRPC (plaintext, loopback), each with its segmented log in a temp dir (Ratis's defaults: sync
 * before acknowledging, no unsafe or asynchronous flush), a counting {@link BaseStateMachine}, and
 * {@code connections} {@link RaftClient}s whose {@code async().send} is the proposal. A client's
 * outstanding-requests limit (default 100) is raised to the number of proposers, so the client does
 * not throttle them.
 */
final class RatisCluster implements BenchCluster {
  private final TempDir dir;
  private final List<RaftServer> servers = new ArrayList<>();
  private final List<Counter> counters = new ArrayList<>();
  private final List<RaftClient> clients = new ArrayList<>();

  private RatisCluster(TempDir dir) {
    this.dir = dir;
  }

  static RatisCluster start(TempDir dir, int connections, int proposers) throws Exception {
    RatisCluster cluster = new RatisCluster(dir);
    try {
      cluster.startServers(connections, proposers);
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  /** What Ratis runs with (stderr, once per run), for the record in docs/benchmarks.md. */
  static String describeConfig() {
    RaftProperties p = new RaftProperties();
    return "ratis log: segment.size.max="
        + RaftServerConfigKeys.Log.segmentSizeMax(p)
        + " force.sync.num="
        + RaftServerConfigKeys.Log.forceSyncNum(p)
        + " unsafe-flush="
        + RaftServerConfigKeys.Log.unsafeFlushEnabled(p)
        + " async-flush="
        + RaftServerConfigKeys.Log.asyncFlushEnabled(p)
        + " appender.buffer.byte-limit="
        + RaftServerConfigKeys.Log.Appender.bufferByteLimit(p)
        + " appender.wait-time.min="
        + RaftServerConfigKeys.Log.Appender.waitTimeMin(p)
        + " write.element-limit="
        + RaftServerConfigKeys.Write.elementLimit(p)
        + " rpc.timeout.min="
        + RaftServerConfigKeys.Rpc.timeoutMin(p);
  }

  private void startServers(int connections, int proposers) throws Exception {
    List<RaftPeer> peers = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      peers.add(
          RaftPeer.newBuilder()
              .setId(RaftPeerId.valueOf("r" + i))
              .setAddress("127.0.0.1:" + freePort())
              .build());
    }
    RaftGroup group = RaftGroup.valueOf(RaftGroupId.randomId(), peers);
    for (RaftPeer peer : peers) {
      RaftProperties properties = new RaftProperties();
      RaftConfigKeys.Rpc.setType(properties, SupportedRpcType.GRPC);
      String address = peer.getAddress();
      GrpcConfigKeys.Server.setHost(properties, "127.0.0.1");
      GrpcConfigKeys.Server.setPort(
          properties, Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
      RaftServerConfigKeys.setStorageDir(
          properties, List.of(dir.resolve(peer.getId().toString()).toFile()));
      Counter counter = new Counter();
      counters.add(counter);
      RaftServer server =
          RaftServer.newBuilder()
              .setServerId(peer.getId())
              .setGroup(group)
              .setProperties(properties)
              .setStateMachine(counter)
              .setOption(RaftStorage.StartupOption.FORMAT)
              .build();
      servers.add(server);
    }
    for (RaftServer server : servers) {
      server.start();
    }
    RaftProperties clientProperties = new RaftProperties();
    RaftConfigKeys.Rpc.setType(clientProperties, SupportedRpcType.GRPC);
    RaftClientConfigKeys.Async.setOutstandingRequestsMax(
        clientProperties, Math.max(100, proposers));
    for (int i = 0; i < connections; i++) {
      clients.add(
          RaftClient.newBuilder().setProperties(clientProperties).setRaftGroup(group).build());
    }
    // The first write waits for the election and finds the leader.
    RaftClientReply reply =
        clients.get(0).io().send(Message.valueOf(ByteString.copyFrom(new byte[1])));
    if (!reply.isSuccess()) {
      throw new IOException("ratis: first write failed: " + reply);
    }
    for (RaftClient client : clients.subList(1, clients.size())) {
      var unused =
          client
              .async()
              .send(Message.valueOf(ByteString.copyFrom(new byte[1])))
              .get(30, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public CompletableFuture<?> propose(int worker, byte[] command) {
    RaftClient client = clients.get(worker % clients.size());
    return client
        .async()
        .send(Message.valueOf(ByteString.copyFrom(command)))
        .thenApply(
            reply -> {
              if (!reply.isSuccess()) {
                throw new IllegalStateException("ratis refused: " + reply.getException());
              }
              return reply;
            });
  }

  @Override
  public long applied() {
    return counters.stream().mapToLong(c -> c.applied.get()).max().orElse(0);
  }

  @Override
  public void close() throws Exception {
    for (RaftClient client : clients) {
      client.close();
    }
    for (RaftServer server : servers) {
      server.close();
    }
    dir.close();
  }

  /** Counts applied commands, as ours does. */
  static final class Counter extends BaseStateMachine {
    private final AtomicLong applied = new AtomicLong();

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
      LogEntryProto entry = trx.getLogEntry();
      long count = applied.incrementAndGet();
      updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
      return CompletableFuture.completedFuture(
          Message.valueOf(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(0, count).array())));
    }
  }
}
