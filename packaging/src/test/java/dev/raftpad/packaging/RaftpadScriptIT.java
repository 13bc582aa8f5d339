package dev.raftpad.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.testkit.metrics.Scrape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./raftpad} script, run for real on a new data folder (RAFTPAD_DATA) with
 * free ports (RAFTPAD_BASE_PORT) and the distribution this build made (RAFTPAD_DIST, so the test
 * does not start a nested Maven build): up, status, cli, down, and up again on the kept data.
 */
class RaftpadScriptIT {
  @TempDir Path data;

  private Path root;
  private int base;
  private final Map<String, String> environment = new HashMap<>();

  private void setUp() throws IOException {
    root = Commands.pathProperty("raftpad.root");
    base = Commands.freeBasePort();
    environment.put("JAVA_HOME", Commands.javaHome());
    environment.put("RAFTPAD_DATA", data.resolve("cluster").toString());
    environment.put("RAFTPAD_MODELS", data.resolve("models").toString());
    environment.put("RAFTPAD_BASE_PORT", Integer.toString(base));
    environment.put("RAFTPAD_DIST", Commands.pathProperty("raftpad.serverDist").toString());
    // Tests need quick starts, not peak speed: C1 only, serial GC. The servers' collector is set
    // in their own variable, so a test can drop it and get what ./raftpad up chooses (ADR 0020).
    environment.put("RAFTPAD_JAVA_OPTS", "-XX:TieredStopAtLevel=1");
    for (String program : List.of("SERVER", "LLM", "CLI")) {
      environment.put("RAFTPAD_" + program + "_JAVA_OPTS", "-XX:+UseSerialGC");
    }
    environment.put("DISPLAY", null);
    environment.put("WAYLAND_DISPLAY", null);
  }

  @AfterEach
  void down() throws Exception {
    if (root != null) {
      var unused = raftpad("down");
    }
  }

  private Commands.Result raftpad(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>();
    command.add(root.resolve("raftpad").toString());
    command.addAll(List.of(args));
    return Commands.run(root, environment, 150, command);
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void upStatusCliDownAndUpAgain() throws Exception {
    setUp();
    // No collector chosen for the servers: ./raftpad up gives them ZGC.
    environment.put("RAFTPAD_SERVER_JAVA_OPTS", null);
    Commands.Result up = raftpad("up");
    assertThat(up.exitCode()).as(up.toString()).isZero();
    assertThat(up.output())
        .contains("127.0.0.1:" + base, "127.0.0.1:" + (base + 2), "127.0.0.1:" + (base + 99))
        .contains("no model")
        .contains("./raftpad cli")
        .contains(
            "http://127.0.0.1:" + (base + 1000) + "/metrics",
            "http://127.0.0.1:" + (base + 1002) + "/metrics",
            "http://127.0.0.1:" + (base + 1099) + "/metrics");
    // The printed addresses serve Prometheus metrics over plain HTTP.
    Scrape server = Scrape.of(base + 1000);
    assertThat(server.types()).containsEntry("raftpad_raft_term", "gauge");
    assertThat(server.sum("raftpad_raft_has_leader")).isEqualTo(1);
    assertThat(
            server.samples().stream()
                .filter(s -> s.name().startsWith("jvm_gc_collection_seconds"))
                .map(s -> s.labels().getOrDefault("gc", "")))
        .as("the servers' collectors")
        .isNotEmpty()
        .allMatch(gc -> gc.startsWith("ZGC"));
    assertThat(Scrape.of(base + 1099).sum("raftpad_llm_model_ready")).isZero();
    assertThat(data.resolve("cluster/admin.properties")).isRegularFile();
    // A random cluster secret, and data only its user may read.
    assertThat(mode(data.resolve("cluster/cluster.secret"))).isEqualTo("rw-------");
    assertThat(Files.readString(data.resolve("cluster/cluster.secret"))).matches("[0-9a-f]{64}\n");
    assertThat(mode(data.resolve("cluster/n1"))).isEqualTo("rwx------");
    // TLS on every link, with the cluster's own CA made on the first start; keys 0600.
    assertThat(data.resolve("cluster/tls/ca.pem")).isRegularFile();
    for (String key :
        List.of("ca-key.pem", "n1-key.pem", "n2-key.pem", "n3-key.pem", "llm-key.pem")) {
      assertThat(mode(data.resolve("cluster/tls").resolve(key))).as(key).isEqualTo("rw-------");
    }

    Commands.Result status = raftpad("status");
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.output())
        .contains("leader", "every server serves")
        .containsPattern("n1 +127\\.0\\.0\\.1:" + base);

    Commands.Result ping = raftpad("cli", "ping");
    assertThat(ping.exitCode()).as(ping.toString()).isZero();
    assertThat(ping.output()).contains("127.0.0.1:" + (base + 1) + " SERVING");

    // The servers speak TLS only: a plaintext client reaches none of them.
    Commands.Result plaintext = raftpad("cli", "--insecure", "ping", "--timeout-ms", "3000");
    assertThat(plaintext.exitCode()).as(plaintext.toString()).isNotZero();
    assertThat(plaintext.output()).contains("UNREACHABLE").doesNotContain("SERVING\n");

    // The LLM node runs without a model: it answers, and says it is not serving.
    Commands.Result llm = raftpad("cli", "--servers", "127.0.0.1:" + (base + 99), "ping");
    assertThat(llm.output()).as(llm.toString()).contains("NOT_SERVING");

    Commands.Result down = raftpad("down");
    assertThat(down.exitCode()).as(down.toString()).isZero();
    assertThat(down.output()).contains("Stopped");
    for (int port :
        List.of(base, base + 1, base + 2, base + 99, base + 1000, base + 1002, base + 1099)) {
      assertThat(Commands.listening(port)).as("port %d after down", port).isFalse();
    }
    Commands.Result stopped = raftpad("status");
    assertThat(stopped.exitCode()).isEqualTo(3);
    assertThat(stopped.output()).contains("not running");

    // The data is kept: the same cluster comes back, with the same admin account.
    String admin = Files.readString(data.resolve("cluster/admin.properties"));
    String ca = Files.readString(data.resolve("cluster/tls/ca.pem"));
    Commands.Result again = raftpad("up");
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(Files.readString(data.resolve("cluster/admin.properties"))).isEqualTo(admin);
    assertThat(Files.readString(data.resolve("cluster/tls/ca.pem")))
        .as("the same CA")
        .isEqualTo(ca);
    Commands.Result statusAgain = raftpad("status");
    assertThat(statusAgain.exitCode()).as(statusAgain.toString()).isZero();
  }

  private static String mode(Path path) throws java.io.IOException {
    return java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path));
  }

  @Test
  void modelFetchFailsWithOneClearLineWhenTheServerIsUnreachable() throws Exception {
    setUp();
    environment.put("RAFTPAD_MODEL_URL", "http://127.0.0.1:" + Commands.freePort() + "/m.gguf");
    Commands.Result fetch = raftpad("model", "fetch");
    assertThat(fetch.exitCode()).isEqualTo(1);
    assertThat(fetch.output()).contains("raftpad: cannot reach");
    assertThat(data.resolve("models/tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf")).doesNotExist();
  }

  @Test
  void unknownCommandIsRefused() throws Exception {
    setUp();
    Commands.Result result = raftpad("frobnicate");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output()).contains("unknown command 'frobnicate'");
  }
}
