package dev.raftpad.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.llm.engine.EngineOptions;
import dev.raftpad.proto.v1.GenerationEvent;
import dev.raftpad.proto.v1.GenerationOptions;
import dev.raftpad.proto.v1.LlmServiceGrpc;
import dev.raftpad.proto.v1.ModelInfo;
import dev.raftpad.proto.v1.ModelInfoRequest;
import dev.raftpad.testkit.TestTls;
import dev.raftpad.tls.GrpcTls;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An LLM node on loopback (real Netty, port 0) with a client channel to it. */
final class TestNode implements AutoCloseable {
  /** How long a test waits for any condition before failing. */
  static final Duration WAIT = Duration.ofSeconds(30);

  /** Options for a generation that runs until the test cancels it (the tiny model never stops). */
  static final GenerationOptions ENDLESS =
      GenerationOptions.newBuilder().setMaxTokens(1_000_000).setSeed(7).build();

  final LlmNode node;
  final ManagedChannel channel;

  private TestNode(LlmNode node) {
    this.node = node;
    this.channel =
        NettyChannelBuilder.forAddress(
                "127.0.0.1", node.port(), GrpcTls.client(TestTls.trustedCa()))
            .build();
  }

  /** A node with {@code model} loaded (it must load). */
  static TestNode loaded(Path model, int contextSize, int slots, int queue) throws Exception {
    TestNode node = unloaded(model, contextSize, slots, queue);
    assertThat(node.node.loadModel()).isInstanceOf(ModelState.Ready.class);
    return node;
  }

  /** A node started with {@code model} configured (null for none) but not loaded yet. */
  static TestNode unloaded(Path model, int contextSize, int slots, int queue) throws Exception {
    return new TestNode(LlmNode.start(config(model, contextSize, slots, queue)));
  }

  /** A node like {@link #loaded} that also serves metrics on a free loopback port. */
  static TestNode loadedWithMetrics(Path model, int contextSize, int slots, int queue)
      throws Exception {
    TestNode node =
        new TestNode(
            LlmNode.start(
                config(model, contextSize, slots, queue)
                    .withMetricsAddress(
                        new java.net.InetSocketAddress(
                            java.net.InetAddress.getLoopbackAddress(), 0))));
    assertThat(node.node.loadModel()).isInstanceOf(ModelState.Ready.class);
    return node;
  }

  private static LlmNodeConfig config(Path model, int contextSize, int slots, int queue) {
    return new LlmNodeConfig(
        "127.0.0.1",
        0,
        model,
        new EngineOptions(contextSize, slots, 1, false),
        queue,
        100_000,
        TestTls.node().key());
  }

  static GenerationOptions tokens(int maxTokens) {
    return GenerationOptions.newBuilder().setMaxTokens(maxTokens).setSeed(42).build();
  }

  LlmServiceGrpc.LlmServiceBlockingStub blocking() {
    return LlmServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  LlmServiceGrpc.LlmServiceStub async() {
    return LlmServiceGrpc.newStub(channel)
        .withDeadlineAfter(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  ModelInfo info() {
    return blocking().getModelInfo(ModelInfoRequest.getDefaultInstance());
  }

  ServingStatus health(String service) {
    return HealthGrpc.newBlockingStub(channel)
        .withDeadlineAfter(WAIT.toMillis(), TimeUnit.MILLISECONDS)
        .check(HealthCheckRequest.newBuilder().setService(service).build())
        .getStatus();
  }

  boolean awaitIdle() throws InterruptedException {
    return node.scheduler().awaitIdle(WAIT);
  }

  /** Every event of a stream, in order. */
  static List<GenerationEvent> drain(Iterator<GenerationEvent> events) {
    List<GenerationEvent> all = new ArrayList<>();
    events.forEachRemaining(all::add);
    return all;
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    node.close();
  }
}
