package dev.raftpad.testkit.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.document.history.DocumentLog;
import dev.raftpad.testkit.trace.EditingTrace.Concurrent;
import dev.raftpad.testkit.trace.EditingTrace.Sequential;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every shared editing trace replays to exactly its endContent: the sequential ones through the
 * server-side log, the concurrent ones through simulated ot.js clients. {@code
 * -Draftpad.sim.long=true} replays the concurrent ones under 20 delivery schedules instead of 2.
 */
class TraceReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {"automerge-paper", "seph-blog1", "sveltecomponent", "rustcode"})
  void sequentialTraceReplaysThroughTheServerLog(String name) throws IOException {
    Sequential trace = (Sequential) TraceReader.read(TraceFiles.file(name));

    DocumentLog log = SequentialReplay.replay(trace);

    assertThat(log.head().text()).isEqualTo(trace.endContent());
    assertThat(log.headRevision()).isEqualTo(trace.transactions().size());
    long middle = log.headRevision() / 2;
    Sequential firstHalf =
        new Sequential(
            name, trace.startContent(), "", trace.transactions().subList(0, (int) middle));
    assertThat(log.contentAt(middle).orElseThrow().text())
        .as("history: the content at a middle revision, from checkpoints")
        .isEqualTo(SequentialReplay.replay(firstHalf).head().text());
  }

  @ParameterizedTest
  @ValueSource(strings = {"friendsforever", "clownschool"})
  void concurrentTraceReplaysThroughSimulatedClients(String name) throws IOException {
    Concurrent trace = (Concurrent) TraceReader.read(TraceFiles.file(name));
    ConcurrentReplay.Prepared prepared = ConcurrentReplay.prepare(trace);
    assertThat(prepared.referenceText())
        .as("the character identities reproduce the trace")
        .isEqualTo(trace.endContent());

    int schedules = Boolean.getBoolean("raftpad.sim.long") ? 20 : 2;
    for (long seed = 1; seed <= schedules; seed++) {
      ConcurrentReplay.Outcome outcome = ConcurrentReplay.replay(prepared, seed);
      assertThat(outcome.serverText())
          .as(
              "%s with schedule seed %d (replay: ConcurrentReplay.replay(trace, %d))",
              name, seed, seed)
          .isEqualTo(trace.endContent());
      assertThat(outcome.clientTexts()).allMatch(trace.endContent()::equals);
    }
  }
}
