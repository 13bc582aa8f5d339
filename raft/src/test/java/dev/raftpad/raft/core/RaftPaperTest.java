package dev.raftpad.raft.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.raft.core.Message.AppendRequest;
import dev.raftpad.raft.core.Message.AppendResponse;
import dev.raftpad.raft.core.Message.VoteRequest;
import dev.raftpad.raft.core.Message.VoteResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of the Raft paper (Fig. 2, §5.2–§5.4), run on plain Raft (no pre-vote, no
 * check-quorum) so each rule is seen on its own. Test names state the rule.
 */
class RaftPaperTest {

  private static RaftNode single(String id, Membership membership) {
    return RaftNode.bootstrap(id, LocalCluster.paperConfig(), new SplittableRandom(7), membership);
  }

  private static List<Message> drain(RaftNode node) {
    List<Message> messages = new ArrayList<>();
    while (node.hasReady()) {
      Ready ready = node.ready();
      messages.addAll(ready.messages());
      node.advance(ready);
    }
    return messages;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // §5.1 / Fig. 2 "All servers": a higher term turns any node into a follower of that term.
  @Test
  void aNodeSeeingAHigherTermBecomesFollowerOfThatTerm() {
    LocalCluster cluster = LocalCluster.of(LocalCluster.paperConfig(), "a", "b", "c");
    cluster.elect("a");
    RaftNode a = cluster.node("a");
    long higher = a.term() + 5;

    a.step(new AppendRequest("b", "a", higher, 0, 0, List.of(), 0));

    assertThat(a.isLeader()).isFalse();
    assertThat(a.term()).isEqualTo(higher);
    assertThat(a.leaderId()).isEqualTo("b");
  }

  // Fig. 2: a message from an older term is ignored (and a stale leader learns the newer term).
  @Test
  void messagesFromAnOlderTermAreIgnored() {
    LocalCluster cluster = LocalCluster.of(LocalCluster.paperConfig(), "a", "b", "c");
    cluster.elect("a");
    cluster.elect("b");
    RaftNode c = cluster.node("c");
    long lastIndex = c.lastIndex();

    c.step(
        new AppendRequest(
            "a",
            "c",
            1,
            lastIndex,
            c.termAt(lastIndex),
            List.of(new Entry(lastIndex + 1, 1, EntryType.COMMAND, bytes("x"))),
            0));

    assertThat(c.lastIndex()).isEqualTo(lastIndex);
    assertThat(c.leaderId()).isEqualTo("b");
  }

  // §5.2: a follower that hears nothing for an election timeout becomes a candidate: it increments
  // its term, votes for itself and asks every other voter for its vote.
  @Test
  void followerStartsAnElectionAfterTheElectionTimeout() {
    RaftNode a = single("a", Membership.ofVoters("a", "b", "c"));
    for (int i = 0; i < 2 * LocalCluster.paperConfig().electionTicks(); i++) {
      a.tick();
    }
    assertThat(a.status().role()).isEqualTo(RoleName.CANDIDATE);
    assertThat(a.term()).isEqualTo(2); // term 1 is the bootstrap entry's
    List<Message> sent = drain(a);
    assertThat(sent).extracting(Message::to).containsExactlyInAnyOrder("b", "c");
    assertThat(sent).allSatisfy(m -> assertThat(m).isInstanceOf(VoteRequest.class));
  }

  // §5.2: election timeouts are chosen randomly from a fixed interval, so split votes are rare.
  @Test
  void electionTimeoutsAreRandomizedBetweenOneAndTwoElectionTimeouts() {
    int et = LocalCluster.paperConfig().electionTicks();
    java.util.Set<Integer> timeouts = new java.util.HashSet<>();
    for (int seed = 0; seed < 50; seed++) {
      RaftNode node =
          RaftNode.bootstrap(
              "a",
              LocalCluster.paperConfig(),
              new SplittableRandom(seed),
              Membership.ofVoters("a", "b", "c"));
      int ticks = 0;
      while (node.status().role() == RoleName.FOLLOWER) {
        node.tick();
        ticks++;
      }
      timeouts.add(ticks);
    }
    assertThat(timeouts).allSatisfy(t -> assertThat(t).isBetween(et, 2 * et - 1));
    assertThat(timeouts).hasSizeGreaterThan(3);
  }

  // §5.2: a candidate wins when a majority of voters grants its vote.
  @Test
  void aCandidateWithAMajorityOfVotesBecomesLeader() {
    LocalCluster cluster = LocalCluster.of(LocalCluster.paperConfig(), "a", "b", "c", "d", "e");
    cluster.isolate("d");
    cluster.isolate("e");

    cluster.elect("a");

    assertThat(cluster.node("a").status().role()).isEqualTo(RoleName.LEADER);
  }

  // §5.2: without a majority a candidate stays a candidate (and retries after a timeout).
  @Test
  void aCandidateWithoutAMajorityDoesNotBecomeLeader() {
    LocalCluster cluster = LocalCluster.of(LocalCluster.paperConfig(), "a", "b", "c", "d", "e");
    cluster.isolate("c");
    cluster.isolate("d");
    cluster.isolate("e");

    cluster.node("a").campaign();
    cluster.stabilize();

    assertThat(cluster.node("a").status().role()).isEqualTo(RoleName.CANDIDATE);
  }

  // §5.2: each server votes for at most one candidate in a given term, first come first served.
  @Test
  void aVoterGrantsAtMostOneVotePerTerm() {
    RaftNode voter = single("c", Membership.ofVoters("a", "b", "c"));
    voter.step(new VoteRequest("a", "c", 2, 1, 1, false, false));
    voter.step(new VoteRequest("b", "c", 2, 1, 1, false, false));
    voter.step(new VoteRequest("a", "c", 2, 1, 1, false, false));

    List<Boolean> grants = drain(voter).stream().map(m -> ((VoteResponse) m).granted()).toList();
    assertThat(grants).containsExactly(true, false, true);
  }

  // §5.2: a candidate that receives AppendEntries from a leader of its term becomes its follower.
  @Test
  void aCandidateReturnsToFollowerOnAppendFromALeaderOfItsTerm() {
    RaftNode a = single("a", Membership.ofVoters("a", "b", "c"));
    a.campaign();
    drain(a);

    a.step(new AppendRequest("b", "a", a.term(), 1, 1, List.of(), 0));

    assertThat(a.status().role()).isEqualTo(RoleName.FOLLOWER);
    assertThat(a.leaderId()).isEqualTo("b");
  }

  // §5.4.1: a voter denies its vote to a candidate whose log is less up to date than its own.
  @Test
  void aVoterRefusesACandidateWithALessUpToDateLog() {
    RaftNode voter =
        new RaftNode(
            "c",
            LocalCluster.paperConfig(),
            new SplittableRandom(1),
            new HardState(2, null, 0),
            null,
            List.of(
                new Entry(1, 1, EntryType.COMMAND, bytes("x")),
                new Entry(2, 2, EntryType.COMMAND, bytes("y"))),
            Membership.ofVoters("a", "b", "c"));

    voter.step(new VoteRequest("a", "c", 3, 5, 1, false, false)); // longer log, older last term
    voter.step(new VoteRequest("b", "c", 3, 1, 2, false, false)); // same last term, shorter

    assertThat(drain(voter))
        .extracting(m -> ((VoteResponse) m).granted())
        .containsExactly(false, false);
  }

  // §5.4.2 / §8: a new leader appends a no-op entry of its term at once.
  @Test
  void aNewLeaderAppendsANoopOfItsTerm() {
    LocalCluster cluster = LocalCluster.of(LocalCluster.paperConfig(), "a", "b", "c");
    cluster.elect("a");
    RaftNode a = cluster.node("a");
    assertThat(a.lastIndex()).isEqualTo(2); // after the bootstrap entry
    assertThat(cluster.applied.get("a"))
        .extracting(Entry::type)
        .containsExactly(EntryType.CONFIG, EntryType.NOOP);
    assertThat(cluster.applied.get("a").getLast().term()).isEqualTo(a.term());
  }

  // §5.3: the leader appends a command, replicates it, commits it once a majority stored it, and
  // every node applies it.
  @Test
  void aCommandIsCommittedOnceAMajorityStoresItAndAppliedEverywhere() {
    LocalCluster cluster = LocalCluster.of(LocalCluster.paperConfig(), "a", "b", "c");
    cluster.elect("a");
    cluster.isolate("c");

    cluster.propose("a", "x");

    assertThat(cluster.appliedCommands("a")).containsExactly("x");
    assertThat(cluster.appliedCommands("b")).containsExactly("x");
    cluster.heal();
    cluster.tick("a", 1); // a heartbeat brings c up to date
    assertThat(cluster.appliedCommands("c")).containsExactly("x");
  }

  // §5.3: without a majority nothing commits.
  @Test
  void aCommandStoredOnAMinorityIsNotCommitted() {
    LocalCluster cluster = LocalCluster.of(LocalCluster.paperConfig(), "a", "b", "c");
    cluster.elect("a");
    cluster.isolate("a");

    cluster.propose("a", "x");

    assertThat(cluster.appliedCommands("a")).isEmpty();
    assertThat(cluster.node("a").commitIndex()).isEqualTo(2); // the no-op, not the command
  }

  // §5.3: a follower refuses an append whose previous entry it does not have, with hints.
  @Test
  void aFollowerRejectsAnAppendWhosePreviousEntryDoesNotMatch() {
    RaftNode follower =
        new RaftNode(
            "b",
            LocalCluster.paperConfig(),
            new SplittableRandom(1),
            new HardState(3, null, 0),
            null,
            List.of(
                new Entry(1, 1, EntryType.COMMAND, bytes("1")),
                new Entry(2, 2, EntryType.COMMAND, bytes("2")),
                new Entry(3, 2, EntryType.COMMAND, bytes("3"))),
            Membership.ofVoters("a", "b", "c"));

    follower.step(new AppendRequest("a", "b", 3, 3, 3, List.of(), 0)); // term mismatch at 3
    follower.step(new AppendRequest("a", "b", 3, 7, 3, List.of(), 0)); // beyond our log

    List<Message> answers = drain(follower);
    assertThat(answers.get(0))
        .isEqualTo(new AppendResponse("b", "a", 3, false, 3, 2, 2)); // term 2 starts at 2
    assertThat(answers.get(1)).isEqualTo(new AppendResponse("b", "a", 3, false, 7, 4, 0));
  }

  // §5.3: a follower deletes entries only at a real conflict; a stale, reordered append that
  // matches what it has never removes later entries.
  @Test
  void aStaleAppendNeverTruncatesMatchingEntries() {
    RaftNode follower = single("b", Membership.ofVoters("a", "b", "c"));
    Entry e2 = new Entry(2, 2, EntryType.COMMAND, bytes("2"));
    Entry e3 = new Entry(3, 2, EntryType.COMMAND, bytes("3"));
    Entry e4 = new Entry(4, 2, EntryType.COMMAND, bytes("4"));
    follower.step(new AppendRequest("a", "b", 2, 1, 1, List.of(e2, e3, e4), 0));

    follower.step(new AppendRequest("a", "b", 2, 1, 1, List.of(e2), 0)); // arrives late

    assertThat(follower.lastIndex()).isEqualTo(4);
    List<Message> answers = drain(follower);
    assertThat(((AppendResponse) answers.getLast()).index()).isEqualTo(2);
  }

  // §5.3: a follower with a conflicting suffix has it replaced by the leader's entries.
  @Test
  void aConflictingSuffixIsReplacedByTheLeadersEntries() {
    RaftNode follower =
        new RaftNode(
            "b",
            LocalCluster.paperConfig(),
            new SplittableRandom(1),
            new HardState(2, null, 0),
            null,
            List.of(
                new Entry(1, 1, EntryType.COMMAND, bytes("1")),
                new Entry(2, 2, EntryType.COMMAND, bytes("stale-2")),
                new Entry(3, 2, EntryType.COMMAND, bytes("stale-3"))),
            Membership.ofVoters("a", "b", "c"));

    follower.step(
        new AppendRequest(
            "a", "b", 3, 1, 1, List.of(new Entry(2, 3, EntryType.COMMAND, bytes("2"))), 0));

    assertThat(follower.lastIndex()).isEqualTo(2);
    assertThat(follower.termAt(2)).isEqualTo(3);
  }

  // §5.3: the leader finds the point of agreement with a diverged follower (skipping whole terms
  // with the conflict hints) and brings the follower's log into agreement with its own.
  @Test
  void theLeaderBringsADivergedFollowerIntoAgreement() {
    LocalCluster cluster = LocalCluster.of(LocalCluster.paperConfig(), "a", "b", "c");
    cluster.elect("a");
    cluster.isolate("a");
    for (int i = 0; i < 5; i++) {
      cluster.propose("a", "lost-" + i); // never committed
    }
    cluster.heal();
    cluster.isolate("a");
    cluster.elect("b");
    cluster.propose("b", "kept");
    cluster.heal();

    cluster.tick("b", 1);

    assertThat(cluster.node("a").lastIndex()).isEqualTo(cluster.node("b").lastIndex());
    assertThat(cluster.appliedCommands("a")).containsExactly("kept");
  }

  // §5.4.2 (Fig. 8): a leader never commits an entry of an earlier term by counting replicas; it
  // becomes committed only with an entry of the current term.
  @Test
  void entriesOfAnEarlierTermAreCommittedOnlyThroughAnEntryOfTheCurrentTerm() {
    LocalCluster cluster = LocalCluster.of(LocalCluster.paperConfig(), "a", "b", "c", "d", "e");
    cluster.elect("a"); // no-op at index 2 committed everywhere
    long firstTerm = cluster.node("a").term();
    cluster.isolate("a");
    cluster.propose("a", "old"); // index 3, first term, only on a
    RaftNode a = cluster.node("a");
    assertThat(a.commitIndex()).isEqualTo(2);

    // a loses leadership (it learns of a newer term), then wins again; the old entry reaches a
    // majority only through the new leader's replication of its own no-op.
    cluster.heal();
    cluster.isolate("e");
    a.step(new VoteRequest("b", "a", firstTerm + 1, 2, firstTerm, false, false)); // b is behind
    cluster.stabilize();
    assertThat(a.isLeader()).isFalse();
    cluster.elect("a");

    // The old entry at index 3 is committed together with the new term's no-op at index 4.
    assertThat(a.termAt(3)).isEqualTo(firstTerm);
    assertThat(a.termAt(4)).isEqualTo(a.term());
    assertThat(a.commitIndex()).isEqualTo(4);
    assertThat(cluster.appliedCommands("b")).containsExactly("old");
  }

  // §5.4.2: a leader that counted a majority for an old-term entry alone would be wrong; check the
  // counting rule directly: matches on a majority of a previous-term entry do not move commit.
  @Test
  void aMajorityOfMatchesOnAnOldTermEntryDoesNotMoveTheCommitIndex() {
    RaftNode leader =
        new RaftNode(
            "a",
            LocalCluster.paperConfig(),
            new SplittableRandom(1),
            new HardState(1, "a", 0),
            null,
            List.of(new Entry(1, 1, EntryType.COMMAND, bytes("old"))),
            Membership.ofVoters("a", "b", "c"));
    leader.campaign();
    leader.step(new VoteResponse("b", "a", 2, true, false));
    assertThat(leader.isLeader()).isTrue(); // no-op at index 2, term 2
    drain(leader);

    leader.step(new AppendResponse("b", "a", 2, true, 1, 0, 0));

    assertThat(leader.commitIndex()).isZero();
    leader.step(new AppendResponse("b", "a", 2, true, 2, 0, 0));
    assertThat(leader.commitIndex()).isEqualTo(2);
  }

  // Fig. 2 "Followers": commitIndex = min(leaderCommit, index of last new entry).
  @Test
  void aFollowerCommitsNoFurtherThanItsLastNewEntry() {
    RaftNode follower = single("b", Membership.ofVoters("a", "b", "c"));
    follower.step(
        new AppendRequest(
            "a", "b", 2, 1, 1, List.of(new Entry(2, 2, EntryType.COMMAND, bytes("2"))), 5));
    assertThat(follower.commitIndex()).isEqualTo(2);
  }
}
