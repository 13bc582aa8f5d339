package dev.raftpad.client.sdk.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.TestAccounts;
import dev.raftpad.client.sdk.events.ConnectionState;
import dev.raftpad.client.sdk.model.DocumentInfo;
import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.client.sdk.offline.OfflineStore;
import dev.raftpad.client.sdk.offline.SavedDocument;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.sync.SyncState;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.Await;
import dev.raftpad.testkit.TestTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline editing against three real nodes over loopback gRPC, with the offline store on real
 * files: a document seen before opens and is edited while the whole cluster is down, survives the
 * client quitting and starting again still offline, and its edits arrive once the cluster is back;
 * an operation the server received before the client went away is not applied twice after a restart
 * from the store.
 */
class OfflineEditingTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private static ClientOptions options(Executor events) {
    return ClientOptions.defaults()
        .withTrustedCa(TestTls.trustedCa())
        .withOfflineAfter(Duration.ofMillis(500))
        .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
        .withEventExecutor(events);
  }

  /** Bob's client with his offline store, signed in with {@code token} (no call made). */
  private static RaftpadClient bob(InProcessCluster cluster, OfflineStore store, String token) {
    RaftpadClient client =
        RaftpadClient.connect(SeedAddresses.parse(cluster.seeds()), options(Runnable::run));
    client.useToken(token);
    client.useOfflineStore(store);
    return client;
  }

  private static String signUpBob(InProcessCluster cluster, RaftpadClient owner, String docId) {
    try (RaftpadClient client =
        RaftpadClient.connect(SeedAddresses.parse(cluster.seeds()), options(Runnable::run))) {
      client.register("bob", TestAccounts.PASSWORD, "Bob");
      var unused = owner.sharing().share(docId, "bob", DocumentRole.EDITOR);
      return client.login("bob", TestAccounts.PASSWORD, "test").token();
    }
  }

  private static SavedDocument copyOf(OfflineStore store, String documentId) {
    try {
      return store.load(documentId).orElseThrow();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void typeAtEnd(DocumentSession session, String text) {
    var unused = session.localEdit(Operation.insert(session.document().length(), text));
  }

  @Test
  void editsMadeWhileTheClusterIsDownSurviveARestartAndArriveOnceItIsBack() throws Exception {
    try (InProcessCluster cluster = InProcessCluster.start(dir.resolve("cluster"));
        RaftpadClient ada = TestAccounts.signedIn(cluster.seeds(), "ada")) {
      DocumentInfo doc = ada.documents().create("Field notes", "start.");
      String token = signUpBob(cluster, ada, doc.id());
      OfflineStore store = OfflineStore.open(dir.resolve("bob-offline"));

      try (RaftpadClient bob = bob(cluster, store, token);
          DocumentSession session = bob.openDocument(doc.id())) {
        Await.until("bob's session live", WAIT, session::isSynchronized);
        for (String id : cluster.ids()) {
          cluster.stopNode(id);
        }
        typeAtEnd(session, " Written on the train.");
        Await.until(
            "the session knows it is offline",
            WAIT,
            () -> session.connectionState() == ConnectionState.OFFLINE);
      } // bob quits, still offline

      try (RaftpadClient bob = bob(cluster, store, token);
          DocumentSession session = bob.openDocument(doc.id())) {
        // Opened from the copy, with nothing to answer: the edit is there, not yet confirmed.
        assertThat(session.text()).isEqualTo("start. Written on the train.");
        assertThat(session.isSynchronized()).isFalse();
        assertThat(session.info().title()).isEqualTo("Field notes");
        typeAtEnd(session, " And after the restart.");

        for (String id : cluster.ids()) {
          cluster.startNode(id);
        }
        assertThat(session.awaitSynchronized(WAIT)).isTrue();
        assertThat(ada.documents().get(doc.id()).text())
            .isEqualTo("start. Written on the train. And after the restart.");
        assertThat(session.text()).isEqualTo("start. Written on the train. And after the restart.");
      }
      SavedDocument copy = store.load(doc.id()).orElseThrow();
      assertThat(copy.hasUnconfirmedEdits()).isFalse();
      assertThat(copy.text()).isEqualTo("start. Written on the train. And after the restart.");
    }
  }

  @Test
  void anOperationTheServerReceivedBeforeTheClientWentAwayIsAppliedOnce() throws Exception {
    try (InProcessCluster cluster = InProcessCluster.start(dir.resolve("cluster"));
        RaftpadClient ada = TestAccounts.signedIn(cluster.seeds(), "ada")) {
      DocumentInfo doc = ada.documents().create("Ledger", "start.");
      String token = signUpBob(cluster, ada, doc.id());
      OfflineStore store = OfflineStore.open(dir.resolve("bob-offline"));

      try (HeldExecutor events = new HeldExecutor();
          RaftpadClient bob =
              RaftpadClient.connect(SeedAddresses.parse(cluster.seeds()), options(events))) {
        bob.useToken(token);
        bob.useOfflineStore(store);
        DocumentSession session = bob.openDocument(doc.id());
        Await.until(
            "bob's session live",
            WAIT,
            () -> session.connectionState() == ConnectionState.CONNECTED);
        // Held: the server applies bob's operation, but its acknowledgement is never processed.
        events.hold(true);
        typeAtEnd(session, " one");
        Await.until(
            "the server applied bob's operation",
            WAIT,
            () -> ada.documents().get(doc.id()).text().equals("start. one"));
        typeAtEnd(session, " two"); // buffered behind the unacknowledged one
        Await.until(
            "the copy holds the operation in flight and the typing behind it",
            WAIT,
            () -> copyOf(store, doc.id()).sync().state() instanceof SyncState.AwaitingWithBuffer);
        // Gone before the acknowledgement: what is on disk is what a crash leaves.
        events.dropEverything();
        session.close();
        assertThat(copyOf(store, doc.id()).sync().state())
            .isInstanceOf(SyncState.AwaitingWithBuffer.class);
      }

      try (RaftpadClient bob = bob(cluster, store, token);
          DocumentSession session = bob.openDocument(doc.id())) {
        assertThat(session.text()).isEqualTo("start. one two");
        assertThat(session.awaitSynchronized(WAIT)).isTrue();
        assertThat(ada.documents().get(doc.id()).text()).isEqualTo("start. one two");
        assertThat(session.text()).isEqualTo("start. one two");
      }
    }
  }

  @Test
  void oneDocumentOpenTwiceKeepsOneCopyAndBothSessionsEdit() throws Exception {
    try (InProcessCluster cluster = InProcessCluster.start(dir.resolve("cluster"));
        RaftpadClient ada = TestAccounts.signedIn(cluster.seeds(), "ada")) {
      DocumentInfo doc = ada.documents().create("Twice", "start.");
      String token = signUpBob(cluster, ada, doc.id());
      OfflineStore store = OfflineStore.open(dir.resolve("bob-offline"));
      try (RaftpadClient bob = bob(cluster, store, token);
          DocumentSession first = bob.openDocument(doc.id());
          DocumentSession second = bob.openDocument(doc.id())) {
        assertThat(first.awaitSynchronized(WAIT)).isTrue();
        typeAtEnd(first, " first");
        assertThat(first.awaitSynchronized(WAIT)).isTrue();
        Await.until("the second sees it", WAIT, () -> second.text().equals("start. first"));
        typeAtEnd(second, " second");
        assertThat(second.awaitSynchronized(WAIT)).isTrue();
        Await.until(
            "both converge",
            WAIT,
            () -> first.text().equals("start. first second") && first.isSynchronized());
        assertThat(ada.documents().get(doc.id()).text()).isEqualTo("start. first second");
      }
      assertThat(copyOf(store, doc.id()).text()).isEqualTo("start. first second");
    }
  }

  /**
   * A session opened from its offline copy starts with the copy's metadata; once live it reads the
   * metadata again (without the content, which the copy has), and so learns a lock taken while it
   * was closed.
   */
  @Test
  void aSessionOpenedFromItsCopyLearnsALockTakenWhileItWasClosed() throws Exception {
    try (InProcessCluster cluster = InProcessCluster.start(dir.resolve("cluster"));
        RaftpadClient ada = TestAccounts.signedIn(cluster.seeds(), "ada")) {
      DocumentInfo doc = ada.documents().create("Locked later", "start.");
      String token = signUpBob(cluster, ada, doc.id());
      OfflineStore store = OfflineStore.open(dir.resolve("bob-offline"));
      try (RaftpadClient bob = bob(cluster, store, token);
          DocumentSession session = bob.openDocument(doc.id())) {
        assertThat(session.awaitSynchronized(WAIT)).isTrue();
        assertThat(session.info().lock()).isEmpty();
      }
      var unused = ada.locks().lock(doc.id(), Duration.ofSeconds(60));

      try (RaftpadClient bob = bob(cluster, store, token);
          DocumentSession session = bob.openDocument(doc.id())) {
        Await.until("bob learns Ada's lock", WAIT, () -> session.info().lock().isPresent());
        assertThat(session.info().lock().orElseThrow().holder().username()).isEqualTo("ada");
        assertThat(session.text()).isEqualTo("start.");
      }
    }
  }
}
