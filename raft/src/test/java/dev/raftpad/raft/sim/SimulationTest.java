package dev.raftpad.raft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.testkit.linearizability.CheckResult;
import dev.raftpad.testkit.linearizability.LinearizabilityChecker;
import dev.raftpad.testkit.linearizability.Operation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deterministic simulation of whole clusters under faults, checked for Raft's safety invariants and
 * for linearizability of the clients' history.
 *
 * <p>The default run covers {@value #DEFAULT_SEEDS} seeds. {@code -Draftpad.sim.seeds=N} runs N
 * seeds (thousands for a long run), {@code -Draftpad.sim.seed=S} replays one seed, and {@code
 * -Draftpad.sim.first=F} starts at another seed.
 */
class SimulationTest {
  private static final int DEFAULT_SEEDS = 800;

  @Test
  void clustersUnderFaultsStaySafeAndLinearizable() {
    String single = System.getProperty("raftpad.sim.seed");
    long first = Long.getLong("raftpad.sim.first", 1);
    int count = Integer.getInteger("raftpad.sim.seeds", DEFAULT_SEEDS);
    List<Long> seeds = new ArrayList<>();
    if (single != null) {
      seeds.add(Long.parseLong(single));
    } else {
      for (long s = first; s < first + count; s++) {
        seeds.add(s);
      }
    }
    long operations = 0;
    long leaderConnectionsLost = 0;
    for (long seed : seeds) {
      Simulation.Options options = Simulation.Options.standard(seed);
      Simulation simulation = new Simulation(options);
      List<Operation<KvCommand, String>> history;
      try {
        history = simulation.run();
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError(failure(seed, e.toString()), e);
      }
      CheckResult verdict = new LinearizabilityChecker().check(new KvModel(), history);
      if (!(verdict instanceof CheckResult.Linearizable)) {
        throw new AssertionError(failure(seed, "history is not linearizable: " + verdict));
      }
      operations += history.size();
      leaderConnectionsLost += simulation.leaderConnectionsLost;
    }
    assertThat(operations).isGreaterThan(seeds.size() * 10L);
    if (seeds.size() >= 100) {
      // The runs exercised fast failover (a follower electing out of turn).
      assertThat(leaderConnectionsLost).isGreaterThan(seeds.size() / 10);
    }
    System.out.printf(
        "simulated %d seeds, %d client operations, %d lost leader connections%n",
        seeds.size(), operations, leaderConnectionsLost);
  }

  /**
   * The checker is only worth something if it catches real bugs: serve reads from the local state
   * machine without ReadIndex (a deposed leader or a lagging follower then answers stale data) and
   * the checker must find a non-linearizable history among the first seeds.
   */
  @Test
  void theCheckerCatchesReadsServedLocallyWithoutReadIndex() {
    int caught = 0;
    for (long seed = 1; seed <= 60 && caught == 0; seed++) {
      Simulation.Options standard = Simulation.Options.standard(seed);
      Simulation.Options broken =
          new Simulation.Options(
              seed, standard.nodes(), 6, 2, 4_000, true, false, true, standard.snapshotEvery());
      List<Operation<KvCommand, String>> history = new Simulation(broken).run();
      if (new LinearizabilityChecker().check(new KvModel(), history)
          instanceof CheckResult.NotLinearizable) {
        caught++;
      }
    }
    assertThat(caught).as("stale local reads detected").isPositive();
  }

  private static String failure(long seed, String what) {
    return "simulation seed "
        + seed
        + " failed: "
        + what
        + "\nreplay: ./mvnw -pl raft test -Dtest=SimulationTest#clustersUnderFaultsStaySafeAndLinearizable"
        + " -Draftpad.sim.seed="
        + seed;
  }
}
