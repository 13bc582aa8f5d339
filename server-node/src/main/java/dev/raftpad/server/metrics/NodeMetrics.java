package dev.raftpad.server.metrics;

import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.raft.core.Status;
import dev.raftpad.raft.storage.FsyncHistogram;
import dev.raftpad.server.api.EventHub;
import dev.raftpad.server.state.Change;
import dev.raftpad.server.state.StateCounts;
import io.grpc.MethodDescriptor;
import io.grpc.ServerInterceptor;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * All of one server node's metrics in one registry, and their endpoint. {@code ServerNode} makes
 * one before anything else (the storage and the state report to it from the start), hands it the
 * parts as they exist, and closes it last. Without an endpoint address nothing is served and no JVM
 * collectors are installed (in-process test clusters run many nodes in one JVM).
 */
public final class NodeMetrics implements AutoCloseable {
  private static final long STATE_READ_TIMEOUT_MILLIS = 1_000;

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final StorageMetrics storage = new StorageMetrics(registry);
  private final GrpcServerMetrics grpc = new GrpcServerMetrics(registry);
  private final OutboundEvents events = new OutboundEvents(registry);
  private final CollabMetrics collab = new CollabMetrics(registry);
  private final ProposalMetrics proposals = new ProposalMetrics(registry);
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("metrics-sampler").factory());
  private MetricsEndpoint endpoint;

  /** Metrics of node {@code nodeId} of cluster {@code clusterId} (an info metric names them). */
  public NodeMetrics(String nodeId, String clusterId) {
    Info info =
        Info.builder()
            .name("raftpad_node_info")
            .help("This server node: its id and cluster id")
            .labelNames("node_id", "cluster_id")
            .register(registry);
    info.setLabelValues(nodeId, clusterId);
  }

  /** The storage as the Raft runtime should use it: every sync and snapshot measured. */
  public StorageMetrics storage() {
    return storage;
  }

  /** The server's outermost interceptors: gRPC call figures and the events pushed to clients. */
  public List<ServerInterceptor> interceptors() {
    return List.of(events, grpc);
  }

  /** Where the replicator reports each proposal's outcome and latency. */
  public ProposalMetrics proposals() {
    return proposals;
  }

  /** Where the state reports applied changes, besides the event announcer. */
  public Consumer<Change> changeCounter() {
    return collab.changeCounter();
  }

  /**
   * Starts reading the running node: its Raft status and storage, its event hub, and the state's
   * counts ({@code readOnLoop} runs a query on the Raft loop thread, like {@code
   * RaftServer::readStale}).
   */
  public void observe(
      Supplier<Status> status,
      FsyncHistogram fsyncs,
      EventHub hub,
      Function<Supplier<StateCounts>, CompletableFuture<StateCounts>> readOnLoop,
      Supplier<StateCounts> counts) {
    RaftMetrics raft = new RaftMetrics(status, registry);
    var unused = sampler.scheduleWithFixedDelay(raft::sample, 100, 100, TimeUnit.MILLISECONDS);
    storage.observe(fsyncs, registry);
    MethodDescriptor<?, ?> editChannel = EditServiceGrpc.getEditChannelMethod();
    collab.observe(
        registry,
        hub::subscriberCount,
        hub::queuedEvents,
        () -> grpc.activeCalls(editChannel.getType(), editChannel.getFullMethodName()),
        () -> readState(readOnLoop, counts));
  }

  private static Optional<StateCounts> readState(
      Function<Supplier<StateCounts>, CompletableFuture<StateCounts>> readOnLoop,
      Supplier<StateCounts> counts) {
    try {
      return Optional.of(
          readOnLoop.apply(counts).get(STATE_READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException | TimeoutException e) {
      return Optional.empty(); // a stopping or stalled loop: leave the gauges out of this scrape
    }
  }

  /** Serves the metrics at {@code address} (with the JVM's own: heap, GC, threads, ...). */
  public void serve(InetSocketAddress address) throws IOException {
    JvmMetrics.builder().register(registry);
    endpoint = MetricsEndpoint.start(address, registry);
  }

  /** The endpoint's port; -1 when the node serves no metrics. */
  public int port() {
    return endpoint == null ? -1 : endpoint.port();
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    sampler.shutdownNow();
    if (endpoint != null) {
      endpoint.close();
    }
  }
}
