package dev.raftpad.client.sdk.internal;

import dev.raftpad.client.SeedAddresses;
import io.grpc.ChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** One gRPC channel per member address, shared by every call and stream of a client. */
public final class ChannelPool implements AutoCloseable {
  private static final int MAX_INBOUND_MESSAGE_BYTES = 16 * 1024 * 1024;

  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private final ChannelCredentials credentials;

  /**
   * @param credentials TLS (trusting the cluster's CA) or, for an {@code --insecure} cluster,
   *     plaintext
   */
  public ChannelPool(ChannelCredentials credentials) {
    this.credentials = credentials;
  }

  /**
   * The channel to {@code address}. A channel that failed to connect waits out gRPC's reconnect
   * backoff (up to minutes) before it tries again; a restarted node must be usable at once, so that
   * backoff is reset whenever we decide to call the node.
   */
  public ManagedChannel channel(String address) {
    ManagedChannel channel = channels.computeIfAbsent(address, this::open);
    if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
      channel.resetConnectBackoff();
    }
    return channel;
  }

  private ManagedChannel open(String address) {
    SeedAddresses.Address parsed = SeedAddresses.parse(address).addresses().get(0);
    return NettyChannelBuilder.forAddress(parsed.host(), parsed.port(), credentials)
        .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
        // Ping while calls (e.g. a Subscribe stream) are open, so a node that hangs or vanishes
        // without closing its socket is noticed in ~30 s; the server permits pings every 10 s.
        .keepAliveTime(20, TimeUnit.SECONDS)
        .keepAliveTimeout(10, TimeUnit.SECONDS)
        .build();
  }

  @Override
  public void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
    for (ManagedChannel channel : channels.values()) {
      try {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
