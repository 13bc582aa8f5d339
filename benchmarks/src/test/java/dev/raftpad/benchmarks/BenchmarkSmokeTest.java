package dev.raftpad.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.raftpad.benchmarks.load.LoadBenchmark;
import dev.raftpad.benchmarks.raft.RaftBenchmark;
import dev.raftpad.benchmarks.raft.RaftBenchmark.ClientApi;
import dev.raftpad.benchmarks.raft.RaftBenchmark.SystemUnderTest;
import dev.raftpad.benchmarks.sync.ReceiveBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each benchmark runs for about a second and prints a well-formed line. Checks the fields, not the
 * figures: benchmarks are programs, not timed tests.
 */
class BenchmarkSmokeTest {
  @TempDir Path parent;

  @Test
  void raftOverGrpcPrintsOneCompleteLinePerSystem() throws Exception {
    for (SystemUnderTest system : SystemUnderTest.values()) {
      BenchResult result =
          RaftBenchmark.run(
              system,
              4,
              128,
              1,
              ClientApi.STREAM,
              0,
              Duration.ofMillis(300),
              Duration.ofSeconds(1),
              parent);

      JsonObject line = JsonParser.parseString(result.toJson()).getAsJsonObject();
      assertThat(line.get("system").getAsString()).isEqualTo(system.label());
      assertThat(line.get("proposers").getAsInt()).isEqualTo(4);
      assertThat(line.get("command_bytes").getAsInt()).isEqualTo(128);
      assertThat(line.keySet())
          .contains("name", "warmup_s", "seconds", "p50_ms", "p99_ms", "max_ms", "load_avg_1m")
          .doesNotContain("remote_p50_ms");
      assertThat(line.get("ops_per_s").getAsDouble()).isPositive();
      assertThat(line.get("p99_ms").getAsDouble())
          .isGreaterThanOrEqualTo(line.get("p50_ms").getAsDouble());
      assertThat(line.get("errors").getAsLong()).isZero();
    }
    try (Stream<Path> left = Files.list(parent)) {
      assertThat(left).as("temp dirs are deleted").isEmpty();
    }
  }

  @Test
  void fsyncProbePrintsOneLine() throws Exception {
    BenchResult result = FsyncProbe.run(parent, 128, Duration.ofMillis(50), Duration.ofMillis(200));

    JsonObject line = JsonParser.parseString(result.toJson()).getAsJsonObject();
    assertThat(line.get("name").getAsString()).isEqualTo("fsync");
    assertThat(line.get("ops_per_s").getAsDouble()).isPositive();
    assertThat(line.toString()).doesNotContain("\n");
  }

  @Test
  void receivePrintsOneLinePerUndoDepth() {
    for (int depth : new int[] {100, 0}) {
      BenchResult result =
          ReceiveBenchmark.run(2_000, 20, depth, Duration.ofMillis(50), Duration.ofMillis(200));

      JsonObject line = JsonParser.parseString(result.toJson()).getAsJsonObject();
      assertThat(line.get("name").getAsString()).isEqualTo("receive");
      assertThat(line.get("undo_depth").getAsInt()).isEqualTo(depth);
      assertThat(line.get("own_edits").getAsInt()).isEqualTo(20);
      assertThat(line.get("us_per_op").getAsDouble()).isPositive();
      assertThat(line.get("p99_ms").getAsDouble())
          .isGreaterThanOrEqualTo(line.get("p50_ms").getAsDouble());
    }
  }

  @Test
  void aResultKeepsItsFieldOrderAndEscapesStrings() {
    var histogram = new Latencies();
    histogram.record(2_000_000);
    BenchResult result =
        BenchResult.builder("x")
            .param("label", "a \"quoted\" <name>")
            .param("n", 3)
            .latencies(1, 0.5, histogram.interval())
            .build();

    assertThat(result.toJson())
        .startsWith(
            "{\"name\":\"x\",\"label\":\"a \\\"quoted\\\" <name>\",\"n\":3,\"ops_per_s\":2.0");
    assertThat(result.fields()).containsKeys("p50_ms", "p99_ms", "max_ms", "load_avg_1m");
    assertThat(result.p99Millis()).isEqualTo(2.0, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void realProcessLoadRunsThreeServerProcessesAndPrintsOneCompleteLine() throws Exception {
    BenchResult result =
        LoadBenchmark.run(
            new LoadBenchmark.Shape(
                2, 1, 0.5, 1, false, 1, 0, false, LoadBenchmark.SHIPPED_SERVER_JVM),
            parent);

    JsonObject line = JsonParser.parseString(result.toJson()).getAsJsonObject();
    assertThat(line.get("name").getAsString()).isEqualTo("real-process-load");
    assertThat(line.get("editors").getAsInt()).isEqualTo(2);
    assertThat(line.get("watchers").getAsInt()).isEqualTo(1);
    assertThat(line.keySet())
        .contains("p50_ms", "p99_ms", "max_ms", "remote_p50_ms", "remote_p99_ms", "load_avg_1m");
    assertThat(line.get("ops_per_s").getAsDouble()).isPositive();
    assertThat(line.get("missed").getAsLong()).as("every reader got every operation").isZero();
    assertThat(line.get("cores_busy").getAsDouble())
        .as("the processes' CPU over the measured window")
        .isPositive();
    assertThat(line.get("busiest_node_cpu_us_per_op").getAsDouble())
        .isPositive()
        .isLessThanOrEqualTo(line.get("nodes_cpu_us_per_op").getAsDouble());
    assertThat(line.get("generator_cpu_us_per_op").getAsDouble()).isPositive();
    try (Stream<Path> left = Files.list(parent)) {
      assertThat(left).as("data dirs are deleted").isEmpty();
    }
  }
}
