package dev.raftpad.server;

import dev.raftpad.rpc.InputWarnings;
import dev.raftpad.rpc.RequestGuard;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC server of one node: the services it is given plus the standard health service, and the
 * reflection service when asked for (it lists every service to anyone who connects, so it is off
 * unless an operator turns it on). Every service sits behind the {@link RequestGuard}: no request,
 * however malformed, is answered UNKNOWN or leaves a stack trace in the log. It owns the listening
 * socket and nothing else.
 */
public final class NodeServer implements AutoCloseable {
  /** Largest inbound message; bigger requests fail with RESOURCE_EXHAUSTED before any work. */
  public static final int MAX_INBOUND_MESSAGE_BYTES = 8 * 1024 * 1024;

  private final Server server;
  private final HealthStatusManager health;

  private NodeServer(Server server, HealthStatusManager health) {
    this.server = server;
    this.health = health;
  }

  /** {@link #start(InetSocketAddress, ServerCredentials, List, boolean)} without reflection. */
  public static NodeServer start(
      InetSocketAddress listen, ServerCredentials credentials, List<BindableService> services)
      throws IOException {
    return start(listen, credentials, services, false);
  }

  /** {@link #start(InetSocketAddress, ServerCredentials, List, boolean, List)} unobserved. */
  public static NodeServer start(
      InetSocketAddress listen,
      ServerCredentials credentials,
      List<BindableService> services,
      boolean reflection)
      throws IOException {
    return start(listen, credentials, services, reflection, List.of());
  }

  /**
   * Binds the address and starts serving. Health reports NOT_SERVING until {@link #ready()}.
   *
   * @param credentials TLS (from {@code dev.raftpad.tls.GrpcTls}), or plaintext with {@code
   *     --insecure}
   * @param reflection whether to serve gRPC reflection (for grpcurl and the like)
   * @param observers interceptors around every call of every service (the metrics)
   */
  public static NodeServer start(
      InetSocketAddress listen,
      ServerCredentials credentials,
      List<BindableService> services,
      boolean reflection,
      List<ServerInterceptor> observers)
      throws IOException {
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus(
        HealthStatusManager.SERVICE_NAME_ALL_SERVICES,
        io.grpc.health.v1.HealthCheckResponse.ServingStatus.NOT_SERVING);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(listen, credentials)
            .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
            // Clients ping long-lived Subscribe streams to notice a hung or vanished node; allow
            // it (grpc's default would close their connections with ENHANCE_YOUR_CALM).
            .permitKeepAliveTime(10, TimeUnit.SECONDS)
            .permitKeepAliveWithoutCalls(true)
            // Handlers never block (slow work — bcrypt, Raft — runs elsewhere and completes
            // futures), so they run on the transport threads: no hand-off per call.
            .directExecutor();
    RequestGuard guard = new RequestGuard(InputWarnings.toLog());
    builder.addService(guard.guard(health.getHealthService().bindService()));
    if (reflection) {
      builder.addService(guard.guard(ProtoReflectionServiceV1.newInstance().bindService()));
    }
    services.forEach(service -> builder.addService(guard.guard(service.bindService())));
    observers.forEach(builder::intercept);
    return new NodeServer(builder.build().start(), health);
  }

  /** Marks the node as serving in the gRPC health service. */
  public void ready() {
    health.setStatus(
        HealthStatusManager.SERVICE_NAME_ALL_SERVICES,
        io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
  }

  /** The port actually bound (useful when asked for port 0). */
  public int port() {
    return server.getPort();
  }

  /** Waits until the server has terminated. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public void close() throws InterruptedException {
    health.enterTerminalState();
    server.shutdown();
    // Peers keep their Deliver streams open indefinitely: give calls in flight a moment, then cut.
    if (!server.awaitTermination(1, TimeUnit.SECONDS)) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
