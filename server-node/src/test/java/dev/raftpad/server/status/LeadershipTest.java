package dev.raftpad.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.RoleName;
import dev.raftpad.raft.core.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Elections and leader uptime from samples of the Raft view, against a hand-moved clock. */
class LeadershipTest {
  private final AtomicReference<Status> status = new AtomicReference<>(view(3, "n1"));
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-06T18:00:00Z"));
  private final Leadership leadership = new Leadership(status::get, now::get);

  private static Status view(long term, String leader) {
    return new Status(
        "n2",
        term,
        leader == null ? RoleName.CANDIDATE : RoleName.FOLLOWER,
        leader,
        10,
        10,
        10,
        0,
        Membership.ofVoters("n1", "n2", "n3"),
        Map.of());
  }

  private void at(String time, Status view) {
    now.set(Instant.parse(time));
    status.set(view);
    leadership.run();
  }

  @Test
  void theTermANodeStartsInIsNoElectionButTheLeaderItFindsIsTimedFromThen() {
    at("2026-12-06T18:00:00Z", view(3, "n1"));
    assertThat(leadership.lastElection()).isEmpty();
    now.set(Instant.parse("2026-12-06T18:01:00Z"));
    assertThat(leadership.leaderUptime()).contains(Duration.ofMinutes(1));
  }

  @Test
  void aNewTermIsAnElectionAndANewLeaderRestartsTheUptime() {
    at("2026-12-06T18:00:00Z", view(3, "n1"));
    at("2026-12-06T18:05:00Z", view(4, null));
    assertThat(leadership.lastElection()).contains(Instant.parse("2026-12-06T18:05:00Z"));
    assertThat(leadership.leaderUptime()).isEmpty();

    at("2026-12-06T18:05:01Z", view(4, "n3"));
    now.set(Instant.parse("2026-12-06T18:06:01Z"));
    assertThat(leadership.leaderUptime()).contains(Duration.ofMinutes(1));
    assertThat(leadership.lastElection()).contains(Instant.parse("2026-12-06T18:05:00Z"));
  }
}
