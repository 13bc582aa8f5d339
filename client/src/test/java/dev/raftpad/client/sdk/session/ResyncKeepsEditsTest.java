package dev.raftpad.client.sdk.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.TestAccounts;
import dev.raftpad.client.sdk.events.ConnectionState;
import dev.raftpad.client.sdk.model.DocumentInfo;
import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.document.op.Operation;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.Await;
import dev.raftpad.testkit.TestTls;
import dev.raftpad.testkit.metrics.Scrape;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session's unconfirmed edits survive resyncs and refusals, against three real nodes over
 * loopback gRPC: a subscriber whose queue overflowed resumes with its edits; a lock held by someone
 * else only delays them; and when they can never be applied (access removed) they are handed back
 * in {@link SessionEvent.EditsReturned}, never dropped.
 *
 * <p>The reload-and-merge path (history compacted) cannot be provoked through a cluster: servers
 * never compact a document's history today. {@code OfflineResyncSimulationTest} in the document
 * module covers it, with the same {@code SyncClient.carriedOnto} the session uses.
 */
class ResyncKeepsEditsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void aSubscriberWhoseQueueOverflowedKeepsWhatItTyped() throws Exception {
    try (InProcessCluster cluster =
            InProcessCluster.start(InProcessCluster.settings(dir).withMetrics());
        HeldExecutor events = new HeldExecutor();
        RaftpadClient ada = TestAccounts.signedIn(cluster.seeds(), "ada")) {
      DocumentInfo doc = ada.documents().create("Busy", "start.");
      try (RaftpadClient bob =
              RaftpadClient.connect(
                  SeedAddresses.parse(cluster.seeds()),
                  ClientOptions.defaults()
                      .withTrustedCa(TestTls.trustedCa())
                      .withEventExecutor(events));
          DocumentSession session = openAs(bob, ada, doc.id())) {
        List<SessionEvent> seen = new CopyOnWriteArrayList<>();
        session.addListener(seen::add);
        awaitLive(session);
        events.hold(true);
        typeAtEnd(session, " bob kept typing");
        // 10 MB of operations fill the stream's flow-control window (gRPC may grow it to 8 MiB),
        // then 1,200 small operations fill the server's queue for bob (1,024 events): it
        // overflows (Resync). Operations, not carets: every one is an event bob must get, while
        // carets may be paced.
        String big = "x".repeat(50_000);
        String clientId = "ada-script";
        long revision = ada.documents().get(doc.id()).revision();
        long seq = 0;
        for (int i = 0; i < 200; i++) {
          revision =
              ada.edits()
                  .submit(doc.id(), clientId, ++seq, revision, Operation.insert(0, big))
                  .revision();
          revision =
              ada.edits()
                  .submit(doc.id(), clientId, ++seq, revision, Operation.delete(0, big.length()))
                  .revision();
        }
        for (int i = 0; i < 600; i++) {
          revision =
              ada.edits()
                  .submit(doc.id(), clientId, ++seq, revision, Operation.insert(0, "y"))
                  .revision();
          revision =
              ada.edits()
                  .submit(doc.id(), clientId, ++seq, revision, Operation.delete(0, 1))
                  .revision();
        }
        typeAtEnd(session, " and more");
        events.hold(false);

        Await.until(
            "bob's edits are in the document",
            WAIT,
            () -> ada.documents().get(doc.id()).text().equals("start. bob kept typing and more"));
        assertThat(session.awaitSynchronized(WAIT)).isTrue();
        Await.until(
            "bob converged", WAIT, () -> session.text().equals("start. bob kept typing and more"));
        // The nodes' own count of Resyncs sent because a subscriber's queue overflowed: the
        // path this test is about was taken (the session resumes without an event of its own).
        assertThat(overflowsSent(cluster)).as("Resyncs sent for a full queue").isPositive();
        assertThat(seen).noneMatch(SessionEvent.EditsReturned.class::isInstance);
      }
    }
  }

  private static double overflowsSent(InProcessCluster cluster) {
    double sent = 0;
    for (String id : cluster.ids()) {
      sent +=
          Scrape.of(cluster.node(id).metricsPort())
              .sum("raftpad_collab_resyncs_total", "reason", "subscriber_too_slow");
    }
    return sent;
  }

  /** Signs bob in on {@code client}, has the owner share the document with him, opens it. */
  private static DocumentSession openAs(
      RaftpadClient client, RaftpadClient owner, String documentId) {
    client.register("bob", TestAccounts.PASSWORD, "bob");
    client.login("bob", TestAccounts.PASSWORD, "test");
    var unused = owner.sharing().share(documentId, "bob", DocumentRole.EDITOR);
    return client.openDocument(documentId);
  }

  private static void awaitLive(DocumentSession session) {
    Await.until(
        "session live and synchronized",
        WAIT,
        () -> session.connectionState() == ConnectionState.CONNECTED && session.isSynchronized());
  }

  private static void typeAtEnd(DocumentSession session, String text) {
    var unused = session.localEdit(Operation.insert(session.document().length(), text));
  }

  @Test
  void editsRefusedWhileSomeoneElseHoldsTheLockLandOnceItIsReleased() throws Exception {
    try (InProcessCluster cluster = InProcessCluster.start(dir);
        RaftpadClient ada = TestAccounts.signedIn(cluster.seeds(), "ada");
        RaftpadClient bob = TestAccounts.signedIn(cluster.seeds(), "bob")) {
      DocumentInfo doc = ada.documents().create("Locked", "start.");
      var unused = ada.sharing().share(doc.id(), "bob", DocumentRole.EDITOR);
      try (DocumentSession session = bob.openDocument(doc.id())) {
        List<SessionEvent> events = new CopyOnWriteArrayList<>();
        session.addListener(events::add);
        awaitLive(session);
        var lock = ada.locks().lock(doc.id(), Duration.ofSeconds(30));
        assertThat(lock).isNotNull();

        typeAtEnd(session, " bob was here");
        typeAtEnd(session, " and here");

        Await.until(
            "the edit was refused for the lock",
            WAIT,
            () ->
                events.stream()
                    .anyMatch(
                        e ->
                            e instanceof SessionEvent.EditRejected r
                                && r.reason().reason() == RaftpadException.Reason.DOCUMENT_LOCKED));
        assertThat(session.text()).isEqualTo("start. bob was here and here");
        ada.locks().unlock(doc.id());

        assertThat(session.awaitSynchronized(WAIT)).isTrue();
        assertThat(ada.documents().get(doc.id()).text()).isEqualTo("start. bob was here and here");
        assertThat(events).noneMatch(e -> e instanceof SessionEvent.EditsReturned);
      }
    }
  }

  @Test
  void editsThatCanNeverLandAreHandedBackWhenAccessIsRemoved() throws Exception {
    try (InProcessCluster cluster = InProcessCluster.start(dir);
        RaftpadClient ada = TestAccounts.signedIn(cluster.seeds(), "ada");
        RaftpadClient bob = TestAccounts.signedIn(cluster.seeds(), "bob")) {
      DocumentInfo doc = ada.documents().create("Shared", "start.");
      var unused = ada.sharing().share(doc.id(), "bob", DocumentRole.EDITOR);
      try (DocumentSession session = bob.openDocument(doc.id())) {
        List<SessionEvent> events = new CopyOnWriteArrayList<>();
        session.addListener(events::add);
        awaitLive(session);
        // The lock keeps bob's edit unconfirmed (refused, kept, tried again) until access goes.
        var lock = ada.locks().lock(doc.id(), Duration.ofSeconds(30));
        assertThat(lock).isNotNull();
        typeAtEnd(session, " bob's unsaved words");
        Await.until(
            "the edit was refused for the lock",
            WAIT,
            () -> events.stream().anyMatch(e -> e instanceof SessionEvent.EditRejected));

        var access = ada.sharing().unshare(doc.id(), "bob");
        assertThat(access).isNotNull();

        Await.until(
            "bob's edits were handed back",
            WAIT,
            () -> events.stream().anyMatch(e -> e instanceof SessionEvent.EditsReturned));
        List<SessionEvent.EditsReturned> returned =
            events.stream()
                .filter(SessionEvent.EditsReturned.class::isInstance)
                .map(SessionEvent.EditsReturned.class::cast)
                .toList();
        assertThat(returned).hasSize(1);
        assertThat(returned.getFirst().text()).isEqualTo("start. bob's unsaved words");
        assertThat(returned.getFirst().reason().reason())
            .isEqualTo(RaftpadException.Reason.NOT_ALLOWED);
        assertThat(ada.documents().get(doc.id()).text()).isEqualTo("start.");
      }
    }
  }
}
