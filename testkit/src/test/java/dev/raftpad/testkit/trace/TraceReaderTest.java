package dev.raftpad.testkit.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftpad.testkit.trace.EditingTrace.Concurrent;
import dev.raftpad.testkit.trace.EditingTrace.Patch;
import dev.raftpad.testkit.trace.EditingTrace.Sequential;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceReaderTest {
  private static final String SEQUENTIAL =
      """
      {"startContent": "", "endContent": "h\\u00e9\\ud83d\\ude00!",
       "txns": [{"time": "2020-01-01T00:00:00Z", "patches": [[0, 0, "hx\\ud83d\\ude00"]]},
                {"time": "2020-01-01T00:00:01.5+01:00", "patches": [[1, 1, "\\u00e9"], [3, 0, "!"]]}]}
      """;

  /** Agent 1 types after "a" while agent 0 concurrently types before it; then they merge. */
  private static final String CONCURRENT =
      """
      {"kind": "concurrent", "endContent": "cab", "numAgents": 2, "txns": [
        {"parents": [], "numChildren": 2, "agent": 0, "time": "1970-01-01T00:00:00+00:00",
         "patches": [[0, 0, "a"]]},
        {"parents": [0], "numChildren": 1, "agent": 1, "time": "1970-01-01T00:00:00+00:00",
         "patches": [[1, 0, "b"]]},
        {"parents": [0], "numChildren": 1, "agent": 0, "time": "1970-01-01T00:00:00+00:00",
         "patches": [[0, 0, "c"]]},
        {"parents": [1, 2], "numChildren": 0, "agent": 1, "time": "1970-01-01T00:00:00+00:00",
         "patches": []}]}
      """;

  @TempDir Path dir;

  @Test
  void readsPlainAndGzippedSequentialTracesAndReplaysThem() throws IOException {
    Path plain = dir.resolve("tiny.json");
    Files.writeString(plain, SEQUENTIAL);
    Path gzipped = dir.resolve("tiny.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
      out.write(SEQUENTIAL.getBytes(StandardCharsets.UTF_8));
    }

    EditingTrace trace = TraceReader.read(plain);

    assertThat(TraceReader.read(gzipped)).isEqualTo(trace);
    assertThat(trace.name()).isEqualTo("tiny");
    assertThat(((Sequential) trace).transactions().get(1).patches())
        .containsExactly(new Patch(1, 1, "é"), new Patch(3, 0, "!"));
    ReplayResult result = TraceReplayMain.replay(trace);
    assertThat(result.finalText()).isEqualTo("hé😀!");
    assertThat(result.matchesEndContent()).isTrue();
    assertThat(result.finalLength()).isEqualTo(4);
    assertThat(result.toJson())
        .matches(
            "\\{\"trace\": \"tiny\", \"ops\": 3, \"millis\": \\d+, \"final_length\": 4,"
                + " \"final_sha256\": \"[0-9a-f]{64}\"}");
  }

  @Test
  void readsAndReplaysAConcurrentTrace() throws IOException {
    Path file = dir.resolve("both.json");
    Files.writeString(file, CONCURRENT);

    Concurrent trace = (Concurrent) TraceReader.read(file);

    assertThat(trace.agents()).isEqualTo(2);
    ReplayResult result = TraceReplayMain.replay(trace);
    assertThat(result.finalText()).isEqualTo("cab");
    assertThat(result.matchesEndContent()).isTrue();
  }

  @Test
  void malformedInputIsRefusedWithTheReason() {
    assertThatThrownBy(() -> TraceReader.parse("bad", "{\"endContent\": \"x\", \"txns\": [1,]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset");
    assertThatThrownBy(() -> TraceReader.parse("bad", "{\"endContent\": 3, \"txns\": []}"))
        .hasMessageContaining("endContent");
  }
}
