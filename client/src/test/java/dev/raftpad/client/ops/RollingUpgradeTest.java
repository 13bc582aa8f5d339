package dev.raftpad.client.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.model.ClusterStatus;
import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.client.sdk.model.MemberStatus;
import dev.raftpad.client.sdk.session.DocumentSession;
import dev.raftpad.client.testing.ProcessClients;
import dev.raftpad.client.testing.RevisionReader;
import dev.raftpad.client.testing.SetupCalls;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Selection;
import dev.raftpad.testkit.Await;
import dev.raftpad.testkit.process.NodeProcesses;
import dev.raftpad.testkit.process.PreviousRelease;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling upgrade with real processes, as the operator guide describes it: three nodes of the
 * previous release ({@link PreviousRelease}, built from this repository's history) serve writers,
 * an editing session and readers; one at a time, followers first and the leader last, each node is
 * stopped with SIGTERM, started again on the same data dir with this build, and waited for until
 * the leader counts it caught up. The writers keep writing through the mixed cluster all along. At
 * the end every acknowledged edit is in its document exactly once, every reader received every
 * revision once and in order, and every member is caught up.
 */
class RollingUpgradeTest {
  private static final Duration WAIT = Duration.ofMinutes(2);
  private static final String PASSWORD = "upgrade password";
  private static final int READERS_PER_PHASE = 4;

  @TempDir Path root;
  private final List<RaftpadClient> clients = new ArrayList<>();
  private NodeProcesses nodes;

  @AfterEach
  void stop() throws Exception {
    clients.forEach(RaftpadClient::close);
    if (nodes != null) {
      nodes.close();
    }
  }

  @Test
  void nodesUpgradedOneAtATimeUnderLoadLoseAndRepeatNothing() throws Exception {
    PreviousRelease previous = PreviousRelease.pinned();
    Path repository =
        PreviousRelease.repositoryOf(Path.of(""))
            .orElseThrow(
                () ->
                    new AssertionError(
                        "the upgrade test builds the previous release from git history, and"
                            + " this source tree is not a git checkout"));
    // A shallow clone cannot build the release it upgrades from: said loudly, not failed.
    Assumptions.assumeTrue(
        previous.isIn(repository),
        "NOTICE: this checkout does not hold "
            + previous.name()
            + "; the rolling-upgrade test needs the history (git fetch --unshallow)");
    String previousClassPath =
        previous.serverClassPath(repository, Path.of("target", "previous-release"));

    nodes = new NodeProcesses(root, List.of("n1", "n2", "n3"));
    for (String id : nodes.ids()) {
      nodes.start(id, previousClassPath);
    }
    RaftpadClient admin = client();
    SetupCalls.registered(WAIT, admin, "admin", PASSWORD);
    String token = retried(() -> admin.login("admin", PASSWORD, "setup").token());
    String typed = retried(() -> admin.documents().create("Typed", "").id());
    var unused = retried(() -> admin.sharing().setLinkAccess(typed, DocumentRole.VIEWER));
    String submitted = retried(() -> admin.documents().create("Submitted", "").id());

    Map<RevisionReader, Long> readers = new LinkedHashMap<>();
    subscribeReaders(token, typed, 0, readers);
    RaftpadClient writerClient = client();
    writerClient.useToken(token);
    TokenWriter writer = TokenWriter.start(writerClient, submitted);
    RaftpadClient typistClient = client();
    typistClient.useToken(token);
    try (DocumentSession session = typistClient.openDocument(typed)) {
      AtomicBoolean typing = new AtomicBoolean(true);
      Thread typist =
          Thread.ofPlatform()
              .name("typist")
              .start(
                  () -> {
                    int n = 0;
                    while (typing.get()) {
                      session.localEdit(
                          Operation.insert(session.document().length(), "t" + n++ + " "));
                      // Carets too: they are relayed between members, never logged.
                      var unusedSent =
                          session.updateCursor(Selection.caret(session.document().length()));
                      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                    }
                  });
      awaitProgress(writer, session, "on the previous release");

      for (String id : upgradeOrder(admin)) {
        nodes.stop(id);
        awaitProgress(writer, session, "while " + id + " is down");
        nodes.start(id);
        awaitCaughtUp(admin, id);
        // New streams while versions are mixed: placed over old and new members alike.
        subscribeReaders(token, typed, session.revision(), readers);
        awaitProgress(writer, session, "after " + id + " runs this build");
      }

      typing.set(false);
      typist.join();
      assertThat(session.awaitSynchronized(WAIT)).isTrue();
      long head = session.revision();
      readers.forEach(
          (reader, from) ->
              Await.until(
                  "a reader reaches the head", WAIT, () -> reader.received() >= head - from));
      readers.forEach(
          (reader, from) -> {
            assertThat(reader.resynced()).isFalse();
            assertThat(reader.revisions())
                .as("revisions after %d", from)
                .isEqualTo(LongStream.rangeClosed(from + 1, head).boxed().toList());
          });
    }
    writer.stop();

    List<Long> present = TokenWriter.tokens(admin.documents().get(submitted).text());
    assertThat(present).doesNotHaveDuplicates();
    assertThat(present).containsAll(TokenWriter.range(1, writer.acknowledged()));
    assertThat(present).allMatch(seq -> seq <= writer.started());
    for (String id : nodes.ids()) {
      awaitCaughtUp(admin, id);
      // Mixed versions side by side must never send a member what it cannot read (ADR 0017).
      assertThat(nodes.log(id)).as("log of " + id).doesNotContain("ended the peer link");
    }
  }

  /**
   * The leader first, then the others: harder than the operator guide's order (followers first),
   * because it mixes versions both ways: the leader hands over to a member of the previous release
   * that then leads an upgraded one, and later an upgraded leader has a follower of the previous
   * release.
   */
  private static List<String> upgradeOrder(RaftpadClient admin) {
    ClusterStatus status = leadersView(admin);
    String leader = status.leaderId().orElseThrow();
    List<String> order = new ArrayList<>(List.of(leader));
    for (MemberStatus member : status.members()) {
      if (!leader.equals(member.nodeId())) {
        order.add(member.nodeId());
      }
    }
    return order;
  }

  /**
   * Subscribes {@value #READERS_PER_PHASE} readers of {@code document} from revision {@code from},
   * each placed by its own client id; {@code readers} maps each to its first revision.
   */
  private void subscribeReaders(
      String token, String document, long from, Map<RevisionReader, Long> readers) {
    for (int r = 0; r < READERS_PER_PHASE; r++) {
      RaftpadClient client = client();
      client.useToken(token);
      RevisionReader reader = new RevisionReader();
      var unusedStream = client.subscribe(List.of(document), Map.of(document, from), reader::on);
      readers.put(reader, from);
    }
  }

  /** The status as the leader sees it: only its view has each member's match index and lag. */
  private static ClusterStatus leadersView(RaftpadClient admin) {
    return Await.value(
        "the leader answers the cluster status",
        WAIT,
        () -> {
          try {
            ClusterStatus status = admin.cluster().status();
            return status.answeredByLeader() ? status : null;
          } catch (RuntimeException transientFailure) {
            return null; // no leader yet, or the node asked is the one just stopped
          }
        });
  }

  /** Until the leader holds {@code id} reachable and matching everything committed before. */
  private static void awaitCaughtUp(RaftpadClient admin, String id) {
    long committed = leadersView(admin).commitIndex();
    Await.until(
        id + " caught up to index " + committed,
        WAIT,
        () ->
            leadersView(admin).members().stream()
                .anyMatch(
                    m -> m.nodeId().equals(id) && m.reachable() && m.matchIndex() >= committed));
  }

  private static void awaitProgress(TokenWriter writer, DocumentSession session, String when) {
    long acknowledged = writer.acknowledged();
    long revision = session.revision();
    Await.until(
        "the writer and the typist make progress " + when,
        WAIT,
        () ->
            writer.healthy()
                && writer.acknowledged() >= acknowledged + 10
                && session.revision() >= revision + 10);
  }

  private RaftpadClient client() {
    RaftpadClient client =
        ProcessClients.connect(nodes, Duration.ofSeconds(2), Duration.ofSeconds(20));
    clients.add(client);
    return client;
  }

  private static <T> T retried(Supplier<T> call) {
    return SetupCalls.retried(WAIT, call);
  }
}
