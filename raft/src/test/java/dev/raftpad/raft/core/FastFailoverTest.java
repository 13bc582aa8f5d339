package dev.raftpad.raft.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A follower whose connection to its leader breaks ({@link RaftNode#reportConnectionLost})
 * campaigns at once (the first in line) instead of after an election timeout; pre-vote still keeps
 * it from deposing a leader the others hear, and followers that lose the leader together do not
 * split the vote. Ticks are logical here: "before the next tick" is a behaviour, not a timing.
 */
class FastFailoverTest {
  private static final RaftConfig FULL = RaftConfig.defaults();

  /** a leads b and c, then dies: nothing it sends arrives any more. */
  private static LocalCluster leaderDied() {
    LocalCluster cluster = LocalCluster.of(FULL, "a", "b", "c");
    cluster.elect("a");
    cluster.propose("a", "x");
    cluster.isolate("a");
    return cluster;
  }

  @Test
  void followersThatLoseTheLeadersConnectionElectTheFirstInLineBeforeTheNextTick() {
    LocalCluster cluster = leaderDied();
    long term = cluster.node("b").term();

    cluster.node("b").reportConnectionLost("a");
    cluster.node("c").reportConnectionLost("a");
    cluster.stabilize();

    assertThat(cluster.node("b").isLeader()).isTrue();
    assertThat(cluster.node("b").term()).isEqualTo(term + 1);
    assertThat(cluster.node("c").leaderId()).isEqualTo("b");
  }

  // Proves the test above tests something: without the report nobody stands before the timeout.
  @Test
  void withoutAReportTheFollowersWaitForTheElectionTimeout() {
    LocalCluster cluster = leaderDied();
    long term = cluster.node("b").term();

    cluster.tickAll(FULL.electionTicks() - 1);

    assertThat(cluster.node("b").term()).isEqualTo(term);
    assertThat(cluster.node("c").term()).isEqualTo(term);
    assertThat(cluster.node("b").isLeader()).isFalse();
    assertThat(cluster.node("c").isLeader()).isFalse();
  }

  @Test
  void aFollowerThatOnlyLostItsOwnConnectionDoesNotDeposeALiveLeader() {
    LocalCluster cluster = LocalCluster.of(FULL, "a", "b", "c");
    cluster.elect("a");
    long term = cluster.node("a").term();

    cluster.node("b").reportConnectionLost("a");
    cluster.tickAll(3 * FULL.electionTicks());

    assertThat(cluster.node("a").isLeader()).isTrue();
    assertThat(cluster.node("a").term()).isEqualTo(term);
    assertThat(cluster.node("b").leaderId()).isEqualTo("a");
  }

  @Test
  void whenTheFirstInLineHasTheShorterLogTheOtherStandsAtOnce() {
    LocalCluster cluster = LocalCluster.of(FULL, "a", "b", "c");
    cluster.elect("a");
    cluster.cutLink("a", "b");
    cluster.propose("a", "only a and c have this");
    cluster.heal();
    cluster.isolate("a");
    long term = cluster.node("c").term();

    cluster.node("b").reportConnectionLost("a");
    cluster.node("c").reportConnectionLost("a");
    cluster.stabilize();

    assertThat(cluster.node("c").isLeader()).isTrue();
    assertThat(cluster.node("c").term()).isEqualTo(term + 1);
  }

  // c still heard a when b's pre-vote came, so it ignored it; once c lost a too, it answers.
  @Test
  void aPreVoteIgnoredInTheLeadersLeaseIsAnsweredWhenTheLeaderIsLost() {
    LocalCluster cluster = leaderDied();
    long term = cluster.node("b").term();

    cluster.node("b").reportConnectionLost("a");
    cluster.stabilize();
    assertThat(cluster.node("b").isLeader()).isFalse();

    cluster.node("c").reportConnectionLost("a");
    cluster.stabilize();

    assertThat(cluster.node("b").isLeader()).isTrue();
    assertThat(cluster.node("b").term()).isEqualTo(term + 1);
  }

  // Messages get lost: a pre-candidate that lost its leader asks again at every tick.
  @Test
  void aLostPreVoteRequestIsSentAgainAtTheNextTick() {
    LocalCluster cluster = leaderDied();
    long term = cluster.node("b").term();
    cluster.node("c").reportConnectionLost("a");
    cluster.dropWhen(m -> m instanceof Message.VoteRequest);
    cluster.node("b").reportConnectionLost("a");
    cluster.stabilize();
    assertThat(cluster.node("b").isLeader()).isFalse();

    cluster.heal();
    cluster.isolate("a");
    cluster.tick("b", 1);

    assertThat(cluster.node("b").isLeader()).isTrue();
    assertThat(cluster.node("b").term()).isEqualTo(term + 1);
  }

  // Both stand before either hears the other: the one earlier in line wins, in one term.
  @Test
  void twoFollowersStandingAtOnceDoNotSplitTheVote() {
    LocalCluster cluster = leaderDied();
    long term = cluster.node("b").term();
    cluster.cutLink("b", "c");
    cluster.node("b").reportConnectionLost("a");
    cluster.node("c").reportConnectionLost("a");
    cluster.tickAll(FULL.electionTicks() / 5 + 1);

    cluster.heal();
    cluster.isolate("a");
    cluster.tickAll(1);

    assertThat(cluster.node("b").isLeader()).isTrue();
    assertThat(cluster.node("b").term()).isEqualTo(term + 1);
    assertThat(cluster.node("c").term()).isEqualTo(term + 1);
  }

  // A leader serving reads from its lease counts on followers keeping that lease.
  @Test
  void withLeaseReadsALostConnectionChangesNothing() {
    LocalCluster cluster = LocalCluster.of(FULL.withLeaseReads(true), "a", "b", "c");
    cluster.elect("a");
    cluster.isolate("a");
    long term = cluster.node("b").term();

    cluster.node("b").reportConnectionLost("a");
    cluster.node("c").reportConnectionLost("a");
    cluster.tickAll(1);

    assertThat(cluster.node("b").leaderId()).isEqualTo("a");
    assertThat(cluster.node("b").term()).isEqualTo(term);
  }
}
