package dev.raftpad.llm;

import dev.raftpad.llm.metrics.LlmMetrics;
import dev.raftpad.llm.scheduling.SlotScheduler;
import dev.raftpad.llm.task.PromptTemplates;
import dev.raftpad.proto.v1.LlmServiceGrpc;
import dev.raftpad.rpc.InputWarnings;
import dev.raftpad.rpc.RequestGuard;
import dev.raftpad.rpc.requestid.RequestIdServerInterceptor;
import dev.raftpad.tls.GrpcTls;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running LLM node: the gRPC server (LlmService and grpc.health.v1), the slot scheduler and the
 * model. It serves from the moment it starts; the model loads afterwards ({@link #loadModel}), and
 * until then the node reports not-ready and health NOT_SERVING.
 */
public final class LlmNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LlmNode.class);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

  private final LlmNodeConfig config;
  private final AtomicReference<ModelState> state;
  private final SlotScheduler scheduler;
  private final HealthStatusManager health = new HealthStatusManager();
  private final Server server;
  private final LlmMetrics metrics;

  private LlmNode(LlmNodeConfig config) throws IOException {
    this.config = config;
    this.state = new AtomicReference<>(ModelLoader.beforeLoading(config.model()));
    this.scheduler = new SlotScheduler(config.engine().parallelSlots(), config.queueCapacity());
    this.metrics = new LlmMetrics(scheduler, () -> state.get() instanceof ModelState.Ready);
    setHealth(ServingStatus.NOT_SERVING);
    LlmGrpcService service =
        new LlmGrpcService(
            state::get,
            scheduler,
            PromptTemplates.bundled(),
            new TaskRequests(config.maxInputChars()),
            metrics);
    // Malformed requests get INVALID_ARGUMENT and one rate-limited log line, as at a server node.
    RequestGuard guard = new RequestGuard(InputWarnings.toLog());
    this.server =
        NettyServerBuilder.forAddress(
                new InetSocketAddress(config.host(), config.port()), GrpcTls.server(config.tls()))
            // Room for the largest text the input limit allows (4 UTF-8 bytes a character at
            // worst), so such a request gets our TOO_LARGE answer, not a transport error.
            .maxInboundMessageSize(
                (int) Math.min(Integer.MAX_VALUE, 4L * config.maxInputChars() + (1 << 16)))
            .addService(guard.guard(service.bindService()))
            .addService(guard.guard(health.getHealthService().bindService()))
            // Every line logged for a call carries the request id the server forwarded.
            .intercept(new RequestIdServerInterceptor(Map.of()))
            .build()
            .start();
    serveMetrics();
  }

  private void serveMetrics() throws IOException {
    if (config.metricsAddress() == null) {
      return;
    }
    try {
      metrics.serve(config.metricsAddress());
      log.info(
          "metrics at http://{}:{}/metrics",
          config.metricsAddress().isUnresolved()
              ? config.metricsAddress().getHostString()
              : config.metricsAddress().getAddress().getHostAddress(),
          metrics.port());
    } catch (IOException e) {
      if (!config.metricsBestEffort()) {
        server.shutdownNow();
        throw new IOException(
            "cannot serve metrics at " + config.metricsAddress() + ": " + e.getMessage(), e);
      }
      log.warn(
          "no metrics: the default metrics address {} cannot be bound ({}); give"
              + " --metrics-address HOST:PORT, or --metrics-address off",
          config.metricsAddress(),
          e.getMessage());
    }
  }

  /** Starts serving on the configured address, without a model yet. */
  public static LlmNode start(LlmNodeConfig config) throws IOException {
    LlmNode node = new LlmNode(config);
    log.info(
        "LLM node listening on {}:{} ({})",
        config.host(),
        node.port(),
        config.tls() == null ? "plaintext" : "TLS");
    return node;
  }

  /**
   * Loads the configured model (blocking), then reports ready and SERVING, or stays not-ready with
   * the reason.
   */
  public ModelState loadModel() {
    ModelState loaded = ModelLoader.load(config.model(), config.engine());
    state.set(loaded);
    setHealth(
        loaded instanceof ModelState.Ready ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
    return loaded;
  }

  /** The port the node listens on. */
  public int port() {
    return server.getPort();
  }

  /** The port of the metrics endpoint; -1 when the node serves none. */
  public int metricsPort() {
    return metrics.port();
  }

  /** The model's state now. */
  public ModelState state() {
    return state.get();
  }

  /** The slots and the queue (for waiting until requests have drained). */
  public SlotScheduler scheduler() {
    return scheduler;
  }

  /**
   * Stops: reports NOT_SERVING, cancels every call (which stops its generation within a token),
   * waits for the slots to drain, then unloads the model.
   */
  @Override
  public void close() {
    health.enterTerminalState();
    server.shutdownNow();
    boolean drained = false;
    try {
      drained = scheduler.awaitIdle(DRAIN_TIMEOUT);
      server.awaitTermination(DRAIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    scheduler.close();
    metrics.close();
    if (!drained) {
      // Unloading under a running generation would strand its thread in native code for good.
      log.warn("generations still running after {}; leaving the model loaded", DRAIN_TIMEOUT);
    } else if (state.get() instanceof ModelState.Ready ready) {
      ready.engine().close();
    }
    log.info("LLM node stopped");
  }

  private void setHealth(ServingStatus status) {
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
    health.setStatus(LlmServiceGrpc.SERVICE_NAME, status);
  }
}
