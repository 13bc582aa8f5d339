package dev.raftpad.llm;

import static dev.raftpad.llm.TestNode.drain;
import static dev.raftpad.llm.TestNode.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.raftpad.llm.testmodel.TinyModel;
import dev.raftpad.proto.v1.GenerationEvent;
import dev.raftpad.proto.v1.SummarizeRequest;
import dev.raftpad.testkit.Await;
import dev.raftpad.testkit.metrics.Scrape;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scrapes a real LLM node's metrics endpoint over HTTP on loopback while it generates with real
 * llama.cpp (the tiny model): names, types, the slot and queue gauges, and the token counters.
 */
class LlmMetricsEndpointTest {
  @TempDir static Path dir;
  private static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.loadedWithMetrics(TinyModel.write(dir), 512, 1, 1);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void familiesSlotsQueueAndTokensShowOnTheEndpoint() {
    Scrape before = scrape();
    assertThat(before.sum("raftpad_llm_slots")).isEqualTo(1);
    assertThat(before.sum("raftpad_llm_queue_capacity")).isEqualTo(1);
    assertThat(before.sum("raftpad_llm_model_ready")).isEqualTo(1);

    drain(
        node.blocking()
            .summarize(
                SummarizeRequest.newBuilder()
                    .setText("The leader appends the entry to its log and replicates it.")
                    .setOptions(tokens(20))
                    .build()));

    Scrape after = scrape();
    assertThat(after.types())
        .contains(
            Map.entry("raftpad_llm_slots_busy", "gauge"),
            Map.entry("raftpad_llm_queue_length", "gauge"),
            Map.entry("raftpad_llm_requests_total", "counter"),
            Map.entry("raftpad_llm_generated_tokens_total", "counter"),
            Map.entry("raftpad_llm_prompt_tokens_total", "counter"),
            Map.entry("raftpad_llm_time_to_first_token_seconds", "histogram"),
            Map.entry("raftpad_llm_task_duration_seconds", "histogram"),
            Map.entry("raftpad_llm_queue_wait_seconds", "histogram"),
            Map.entry("jvm_memory_used_bytes", "gauge"));
    assertThat(after.sum("raftpad_llm_generated_tokens_total", "task", "summarize"))
        .isEqualTo(before.sum("raftpad_llm_generated_tokens_total", "task", "summarize") + 20);
    assertThat(after.sum("raftpad_llm_time_to_first_token_seconds_count", "task", "summarize"))
        .isEqualTo(
            before.sum("raftpad_llm_time_to_first_token_seconds_count", "task", "summarize") + 1);
    assertThat(after.sum("raftpad_llm_requests_total", "task", "summarize", "outcome", "completed"))
        .isEqualTo(
            before.sum("raftpad_llm_requests_total", "task", "summarize", "outcome", "completed")
                + 1);
    assertThat(after.body()).doesNotContain("leader appends");
  }

  @Test
  void busySlotsAndTheQueueShowWhileRequestsWait() throws Exception {
    Context.CancellableContext calls = Context.current().withCancellation();
    CompletableFuture<Throwable> first = calls.call(LlmMetricsEndpointTest::endless);
    CompletableFuture<Throwable> second = calls.call(LlmMetricsEndpointTest::endless);
    Await.until(
        "one request on the slot and one in the queue",
        () -> {
          Scrape now = scrape();
          return now.sum("raftpad_llm_slots_busy") == 1 && now.sum("raftpad_llm_queue_length") == 1;
        });
    // The queue holds one: a third request is refused, and counted so.
    StatusRuntimeException refused =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                drain(
                    node.blocking()
                        .summarize(
                            SummarizeRequest.newBuilder()
                                .setText("more")
                                .setOptions(TestNode.ENDLESS)
                                .build())));
    assertThat(refused).isNotNull();
    assertThat(scrape().sum("raftpad_llm_requests_total", "outcome", "queue_full"))
        .isGreaterThanOrEqualTo(1);
    calls.cancel(null);
    assertThat(first.get()).isNotNull();
    assertThat(second.get()).isNotNull();
    Await.until("the slot to be free again", () -> scrape().sum("raftpad_llm_slots_busy") == 0);
    assertThat(scrape().sum("raftpad_llm_requests_total", "outcome", "cancelled"))
        .isGreaterThanOrEqualTo(2);
  }

  /** Starts a generation that runs until cancelled; completes with how its stream ended. */
  private static CompletableFuture<Throwable> endless() {
    CompletableFuture<Throwable> end = new CompletableFuture<>();
    node.async()
        .summarize(
            SummarizeRequest.newBuilder()
                .setText("Raft keeps a replicated log.")
                .setOptions(TestNode.ENDLESS)
                .build(),
            new StreamObserver<GenerationEvent>() {
              @Override
              public void onNext(GenerationEvent event) {}

              @Override
              public void onError(Throwable t) {
                end.complete(t);
              }

              @Override
              public void onCompleted() {
                end.complete(null);
              }
            });
    return end;
  }

  private static Scrape scrape() {
    return Scrape.of(node.node.metricsPort());
  }
}
