package dev.raftpad.raft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.raft.core.ConfigChange;
import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.RaftConfig;
import dev.raftpad.raft.core.RoleName;
import dev.raftpad.raft.core.SnapshotMeta;
import dev.raftpad.raft.spi.StateMachine;
import dev.raftpad.raft.storage.FileStorage;
import dev.raftpad.testkit.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The threaded runtime: three {@link RaftServer}s with real file storage and an in-memory
 * transport, a leader stopped and restarted from its data dir.
 */
class RaftServerTest {
  @TempDir Path root;
  private final Map<String, RaftServer<String>> servers = new ConcurrentHashMap<>();
  private final Map<String, Journal> journals = new ConcurrentHashMap<>();
  private final Map<String, StallingStorage> disks = new ConcurrentHashMap<>();
  private static final Membership MEMBERS = Membership.ofVoters("n1", "n2", "n3");

  /** Appends every command to a list; the result is the list's size. */
  static final class Journal implements StateMachine<String> {
    final List<String> entries = new ArrayList<>();

    @Override
    public synchronized String apply(long index, byte[] command) {
      entries.add(new String(command, StandardCharsets.UTF_8));
      return String.valueOf(entries.size());
    }

    @Override
    public synchronized Image snapshot() {
      byte[] bytes = String.join("\n", entries).getBytes(StandardCharsets.UTF_8);
      return () -> bytes;
    }

    @Override
    public synchronized void restore(SnapshotMeta meta, byte[] data) {
      entries.clear();
      String text = new String(data, StandardCharsets.UTF_8);
      if (!text.isEmpty()) {
        entries.addAll(List.of(text.split("\n", -1)));
      }
    }

    synchronized List<String> copy() {
      return List.copyOf(entries);
    }
  }

  private void start(String id) throws IOException {
    StallingStorage storage = new StallingStorage(new FileStorage(root.resolve(id)));
    disks.put(id, storage);
    Journal journal = new Journal();
    journals.put(id, journal);
    NodeDriver<String> driver =
        NodeDriver.open(
            id,
            RaftConfig.defaults(),
            new SplittableRandom(id.hashCode()),
            storage,
            message -> {
              RaftServer<String> target = servers.get(message.to());
              if (target != null) {
                target.receive("test-cluster", message);
              }
            },
            journal,
            MEMBERS,
            new NodeDriver.SnapshotPolicy(20, 5));
    servers.put(
        id, new RaftServer<>(driver, storage, "test-cluster", Duration.ofMillis(10)).start());
  }

  private void stop(String id) throws Exception {
    servers.remove(id).close();
  }

  @AfterEach
  void stopAll() throws Exception {
    for (String id : List.copyOf(servers.keySet())) {
      stop(id);
    }
  }

  private RaftServer<String> leader() {
    Await.until(
        "a leader is elected",
        () -> servers.values().stream().anyMatch(s -> s.status().role() == RoleName.LEADER));
    return servers.values().stream()
        .filter(s -> s.status().role() == RoleName.LEADER)
        .findFirst()
        .orElseThrow();
  }

  /** Proposes at the leader, retrying where the outcome was definitely nothing. */
  private String propose(String command) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        return leader().propose(command.getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof RaftException raft) || !raft.definitelyNotApplied()) {
          throw e;
        }
      } catch (TimeoutException e) {
        throw new AssertionError("proposal " + command + " did not finish", e);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no leader took " + command);
      }
    }
  }

  @Test
  void proposalsCompleteWithTheStateMachinesResultAndSurviveALeaderRestart() throws Exception {
    for (String id : MEMBERS.voters()) {
      start(id);
    }
    assertThat(propose("a")).isEqualTo("1");
    assertThat(propose("b")).isEqualTo("2");

    String oldLeader = leader().status().id();
    stop(oldLeader);
    for (int i = 0; i < 40; i++) { // past the snapshot threshold: the log gets compacted
      propose("c" + i);
    }
    start(oldLeader);

    RaftServer<String> leader = leader();
    String read =
        leader
            .read(() -> String.valueOf(journals.get(leader.status().id()).copy().size()))
            .get(10, TimeUnit.SECONDS);
    assertThat(read).isEqualTo("42");
    Await.until(
        "the restarted node caught up",
        () -> journals.get(oldLeader).copy().equals(journals.get(leader.status().id()).copy()));
    assertThat(journals.get(oldLeader).copy()).startsWith("a", "b", "c0").hasSize(42);
  }

  @Test
  void aLeaderWhoseDiskStallsStillCommitsOnItsFollowersCopies() throws Exception {
    for (String id : MEMBERS.voters()) {
      start(id);
    }
    assertThat(propose("a")).isEqualTo("1");
    RaftServer<String> leader = leader();
    StallingStorage leadersDisk = disks.get(leader.status().id());

    leadersDisk.stall();
    try {
      // The leader's own write of "b" hangs, but its loop goes on: the two followers' durable
      // copies are a majority, so "b" commits and is applied on the leader.
      assertThat(leader.propose("b".getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS))
          .isEqualTo("2");
      assertThat(leader.status().role()).isEqualTo(RoleName.LEADER);
    } finally {
      leadersDisk.resume();
    }
    // Once its disk is back the leader counts its own copy again: with one follower gone, its
    // copy and the other follower's still commit.
    String follower =
        MEMBERS.voters().stream()
            .filter(id -> !id.equals(leader.status().id()))
            .findFirst()
            .orElseThrow();
    stop(follower);
    assertThat(leader.propose("c".getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS))
        .isEqualTo("3");
  }

  @Test
  void aLeaderAskedToRemoveItselfHandsOverLeadershipFirst() throws Exception {
    for (String id : MEMBERS.voters()) {
      start(id);
    }
    propose("a");
    RaftServer<String> leader = leader();
    String leaderId = leader.status().id();

    var attempt = leader.changeMembership(new ConfigChange.RemoveNode(leaderId, ""));

    var refusal = org.assertj.core.api.Assertions.catchThrowable(attempt::join);
    assertThat(refusal.getCause())
        .isInstanceOfSatisfying(
            RaftException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(RaftException.Kind.TRANSFER_IN_PROGRESS);
              assertThat(e.leaderHint()).isNotEqualTo(leaderId);
            });
    String successor = ((RaftException) refusal.getCause()).leaderHint();
    Await.until(
        "the successor leads", () -> servers.get(successor).status().role() == RoleName.LEADER);
    // Right after its election the successor may not have committed in its term yet.
    Await.until(
        "the successor removes the old leader",
        () -> {
          try {
            servers
                .get(successor)
                .changeMembership(new ConfigChange.RemoveNode(leaderId, ""))
                .get(10, TimeUnit.SECONDS);
            return true;
          } catch (ExecutionException e) {
            if (e.getCause() instanceof RaftException r
                && r.kind() == RaftException.Kind.CONFIG_CHANGE_IN_PROGRESS) {
              return false;
            }
            throw new AssertionError(e);
          } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
          }
        });
    assertThat(servers.get(successor).status().membership().contains(leaderId)).isFalse();
  }

  @Test
  void messagesFromAnotherClusterAreRefused() throws Exception {
    start("n1");
    RaftServer<String> n1 = servers.get("n1");
    boolean accepted =
        n1.receive("other-cluster", new dev.raftpad.raft.core.Message.TimeoutNow("x", "n1", 99));
    assertThat(accepted).isFalse();
    assertThat(n1.foreignMessages()).isEqualTo(1);
    assertThat(n1.status().term()).isLessThan(99);
  }

  @Test
  void callsAfterCloseFailWithStopped() throws Exception {
    start("n1");
    RaftServer<String> n1 = servers.get("n1");
    stop("n1");
    var future = n1.propose(new byte[] {1});
    assertThat(future).failsWithin(Duration.ofSeconds(5));
    var thrown = org.assertj.core.api.Assertions.catchThrowable(future::join);
    assertThat(thrown.getCause())
        .isInstanceOfSatisfying(
            RaftException.class, e -> assertThat(e.kind()).isEqualTo(RaftException.Kind.STOPPED));
  }
}
