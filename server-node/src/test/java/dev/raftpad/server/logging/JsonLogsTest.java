package dev.raftpad.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.raftpad.testkit.Await;
import dev.raftpad.testkit.process.NodeProcesses;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code RAFTPAD_LOG_FORMAT} on real node processes: with {@code json} every line a node writes is
 * one JSON object with its node id (and, from the Raft loop, its term); an unknown value logs text
 * and says so in one line. Neither prints logback's own status report.
 */
class JsonLogsTest {
  private static final List<String> IDS = List.of("n1", "n2", "n3");

  /** As the tarball's launcher runs a node: the JVM's own native-access warning is off. */
  private static final NodeProcesses.Settings AS_LAUNCHED =
      new NodeProcesses.Settings(
          Stream.concat(
                  NodeProcesses.CHAOS.jvmOptions().stream(),
                  Stream.of("--enable-native-access=ALL-UNNAMED"))
              .toList(),
          NodeProcesses.CHAOS.nodeOptions());

  @TempDir Path dir;

  @Test
  void withJsonEveryLineOfEveryNodeIsAJsonObjectNamingItsNode() throws Exception {
    try (NodeProcesses nodes =
        new NodeProcesses(dir, IDS, AS_LAUNCHED).environment("RAFTPAD_LOG_FORMAT", "json")) {
      for (String id : IDS) {
        nodes.start(id);
      }
      Await.until(
          "a leader's election is logged",
          () -> IDS.stream().anyMatch(id -> nodes.log(id).contains(": LEADER in term")));
      for (String id : IDS) {
        nodes.stop(id); // the shutdown's lines too
      }
      for (String id : IDS) {
        List<String> lines = nodes.log(id).lines().toList();
        assertThat(lines).as(id).isNotEmpty();
        List<JsonObject> records = lines.stream().map(JsonLogsTest::parse).toList();
        assertThat(records)
            .as("every line of %s", id)
            .allSatisfy(
                record -> {
                  assertThat(record.keySet())
                      .contains(
                          "timestamp", "level", "threadName", "loggerName", "formattedMessage");
                  assertThat(record.getAsJsonObject("mdc").get("nodeId").getAsString())
                      .isEqualTo(id);
                });
        assertThat(records)
            .as("the Raft loop's lines of %s carry its term", id)
            .filteredOn(record -> record.get("threadName").getAsString().equals("raft-" + id))
            .isNotEmpty()
            .allSatisfy(record -> assertThat(record.getAsJsonObject("mdc").has("term")).isTrue());
      }
    }
  }

  @Test
  void anUnknownFormatLogsTextAndSaysSoOnce() throws Exception {
    try (NodeProcesses nodes =
        new NodeProcesses(dir, List.of("n1"), AS_LAUNCHED)
            .environment("RAFTPAD_LOG_FORMAT", "yaml")) {
      nodes.start("n1");
      Await.until("the node leads", () -> nodes.log("n1").contains(": LEADER in term"));
      nodes.stop("n1");
      List<String> lines = nodes.log("n1").lines().toList();
      assertThat(lines)
          .filteredOn(line -> line.contains("RAFTPAD_LOG_FORMAT"))
          .singleElement()
          .asString()
          .contains("RAFTPAD_LOG_FORMAT=yaml is not a log format (text or json): logging as text");
      assertThat(lines).noneMatch(line -> line.startsWith("{"));
      assertThat(lines).noneMatch(line -> line.contains("|-INFO in ch.qos.logback"));
      assertThat(lines).noneMatch(line -> line.contains("|-WARN in ch.qos.logback"));
    }
  }

  private static JsonObject parse(String line) {
    try {
      return JsonParser.parseString(line).getAsJsonObject();
    } catch (RuntimeException e) {
      throw new AssertionError("not a JSON object: " + line, e);
    }
  }
}
