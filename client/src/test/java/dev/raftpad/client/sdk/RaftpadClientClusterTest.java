package dev.raftpad.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.sdk.RaftpadException.Reason;
import dev.raftpad.client.sdk.events.ConnectionState;
import dev.raftpad.client.sdk.events.EventStream;
import dev.raftpad.client.sdk.events.RaftpadEvent;
import dev.raftpad.client.sdk.model.DocumentInfo;
import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.client.sdk.session.DocumentSession;
import dev.raftpad.client.sdk.session.SessionEvent;
import dev.raftpad.document.op.Operation;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.Await;
import dev.raftpad.testkit.TestTls;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK against three real server nodes in this JVM. */
class RaftpadClientClusterTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String PASSWORD = "correct horse battery";

  @TempDir Path root;
  private InProcessCluster cluster;
  private final List<RaftpadClient> clients = new ArrayList<>();

  @BeforeEach
  void startCluster() throws Exception {
    cluster = InProcessCluster.start(root);
    cluster.leaderId();
  }

  @AfterEach
  void stop() throws Exception {
    clients.forEach(RaftpadClient::close);
    cluster.close();
  }

  private RaftpadClient client(String seeds) {
    RaftpadClient client =
        RaftpadClient.connect(
            SeedAddresses.parse(seeds),
            ClientOptions.defaults()
                .withTrustedCa(TestTls.trustedCa())
                .withTimeouts(Duration.ofSeconds(3), WAIT));
    clients.add(client);
    return client;
  }

  private RaftpadClient signedIn(String seeds, String user) {
    RaftpadClient client = client(seeds);
    try {
      client.register(user, PASSWORD, user);
    } catch (RaftpadException e) {
      assertThat(e.reason()).isEqualTo(Reason.USERNAME_TAKEN);
    }
    client.login(user, PASSWORD, "test");
    return client;
  }

  @Test
  void findsTheLeaderFromAFollowerSeedAndLearnsTheMembers() {
    String follower = cluster.aFollowerId();
    RaftpadClient client = signedIn(cluster.address(follower), "ada");

    DocumentInfo doc = client.documents().create("Notes", "hello");

    assertThat(client.leader()).contains(cluster.address(cluster.leaderId()));
    assertThat(client.members())
        .containsExactlyInAnyOrderElementsOf(cluster.ids().stream().map(cluster::address).toList());
    assertThat(client.documents().get(doc.id()).text()).isEqualTo("hello");
    assertThat(client.documents().info(doc.id()))
        .as("the metadata alone")
        .isEqualTo(client.documents().get(doc.id()).info());
    assertThat(client.whoAmI().user().username()).isEqualTo("ada");
  }

  @Test
  void aDeadSeedIsSkipped() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    RaftpadClient client =
        signedIn("127.0.0.1:" + closed + "," + cluster.address(cluster.aFollowerId()), "ada");
    assertThat(client.documents().create("Notes", "").title()).isEqualTo("Notes");
  }

  @Test
  void retriesAtTheNewLeaderAfterTheLeaderIsClosed() throws Exception {
    RaftpadClient client = signedIn(cluster.seeds(), "ada");
    DocumentInfo doc = client.documents().create("Before", "");
    String oldLeader = cluster.leaderId();

    cluster.stopNode(oldLeader);

    assertThat(client.documents().rename(doc.id(), "After").title()).isEqualTo("After");
    assertThat(client.leader()).isPresent().isNotEqualTo(cluster.address(oldLeader));
    assertThat(client.documents().get(doc.id()).info().title()).isEqualTo("After");
  }

  @Test
  void failuresAreMappedToReasons() {
    RaftpadClient client = signedIn(cluster.seeds(), "ada");
    RaftpadClient anonymous = client(cluster.seeds());

    assertThat(reasonOf(() -> anonymous.login("ada", "wrong password", "test")))
        .isEqualTo(Reason.BAD_CREDENTIALS);
    assertThat(reasonOf(() -> anonymous.login("nobody", PASSWORD, "test")))
        .isEqualTo(Reason.BAD_CREDENTIALS);
    assertThat(reasonOf(() -> anonymous.register("ada", PASSWORD, "Ada")))
        .isEqualTo(Reason.USERNAME_TAKEN);
    assertThat(reasonOf(() -> anonymous.documents().list())).isEqualTo(Reason.UNAUTHENTICATED);
    assertThat(reasonOf(() -> client.documents().get("no-such-document")))
        .isEqualTo(Reason.DOCUMENT_NOT_FOUND);
    RaftpadException invalid =
        catchThrowableOfType(RaftpadException.class, () -> client.documents().create("", ""));
    assertThat(invalid.reason()).isEqualTo(Reason.INVALID_FIELD);
    assertThat(invalid.metadata()).containsEntry("field", "title");
  }

  private static Reason reasonOf(Runnable call) {
    return catchThrowableOfType(RaftpadException.class, call::run).reason();
  }

  @Test
  void aSubscriptionResumesAfterItsNodeGoesAwayWithoutLosingOrRepeatingARevision()
      throws Exception {
    RaftpadClient writer = signedIn(cluster.seeds(), "ada");
    RaftpadClient reader = signedIn(cluster.seeds(), "bob");
    DocumentInfo doc = writer.documents().create("Log", "");
    var unused = writer.sharing().share(doc.id(), "bob", DocumentRole.VIEWER);
    List<Long> revisions = new CopyOnWriteArrayList<>();
    List<ConnectionState> states = new CopyOnWriteArrayList<>();
    EventStream stream =
        reader.subscribe(
            List.of(doc.id()),
            Map.of(doc.id(), 0L),
            event -> {
              switch (event) {
                case RaftpadEvent.OperationCommitted op -> revisions.add(op.revision());
                case RaftpadEvent.ConnectionChanged c -> states.add(c.state());
                default -> {}
              }
            });
    // Streams go to a member chosen by client id (ADR 0014): find the reader's before the
    // writer opens its own.
    Await.until(
        "the reader's stream is live", WAIT, () -> stream.state() == ConnectionState.CONNECTED);
    String readersNode =
        cluster.running().stream()
            .filter(id -> cluster.node(id).openStreams() > 0)
            .findFirst()
            .orElseThrow();
    try (DocumentSession session = writer.openDocument(doc.id())) {
      for (int i = 0; i < 10; i++) {
        session.localEdit(Operation.insert(session.document().length(), "a" + i + " "));
      }
      // Typing faster than the round trip composes edits, so 10 edits are a few revisions.
      assertThat(session.awaitSynchronized(WAIT)).isTrue();
      long first = session.revision();
      Await.until("the first revisions", WAIT, () -> revisions.size() >= first);

      cluster.stopNode(readersNode);

      for (int i = 0; i < 10; i++) {
        session.localEdit(Operation.insert(session.document().length(), "b" + i + " "));
      }
      assertThat(session.awaitSynchronized(WAIT)).isTrue();
      long head = session.revision();
      Await.until("every revision", WAIT, () -> revisions.size() >= head);
      assertThat(revisions)
          .isEqualTo(java.util.stream.LongStream.rangeClosed(1, head).boxed().toList());
      Await.until("reconnected", WAIT, () -> stream.state() == ConnectionState.CONNECTED);
      assertThat(states).contains(ConnectionState.RECONNECTING);
      assertThat(states.getLast()).isEqualTo(ConnectionState.CONNECTED);
    }
  }

  @Test
  void twoSessionsEditingConcurrentlyConverge() throws Exception {
    RaftpadClient ada = signedIn(cluster.seeds(), "ada");
    RaftpadClient bob = signedIn(cluster.seeds(), "bob");
    DocumentInfo doc = ada.documents().create("Shared", "0123456789");
    var unused = ada.sharing().share(doc.id(), "bob", DocumentRole.EDITOR);
    DocumentSession a = ada.openDocument(doc.id());
    DocumentSession b = bob.openDocument(doc.id());
    List<SessionEvent.RemoteEdit> seenByA = new CopyOnWriteArrayList<>();
    a.addListener(
        e -> {
          if (e instanceof SessionEvent.RemoteEdit r) {
            seenByA.add(r);
          }
        });

    Thread typingA = Thread.ofPlatform().start(() -> type(a, "A", 40, new Random(1)));
    Thread typingB = Thread.ofPlatform().start(() -> type(b, "B", 40, new Random(2)));
    typingA.join();
    typingB.join();

    assertThat(a.awaitSynchronized(WAIT)).isTrue();
    assertThat(b.awaitSynchronized(WAIT)).isTrue();
    long head = ada.documents().get(doc.id()).revision();
    Await.until("both at head", WAIT, () -> a.revision() == head && b.revision() == head);
    String server = ada.documents().get(doc.id()).text();
    assertThat(a.text()).isEqualTo(server);
    assertThat(b.text()).isEqualTo(server);
    Typed typed = Typed.in(server);
    for (int i = 0; i < 40; i++) {
      assertThat(typed.times("<A" + i + ">")).as("A%d", i).isEqualTo(1);
      assertThat(typed.times("<B" + i + ">")).as("B%d", i).isEqualTo(1);
    }
    assertThat(typed.tokens()).as("nothing else typed").isEqualTo(80);
    assertThat(typed.rest()).as("the text they typed into").isEqualTo("0123456789");
    assertThat(seenByA).isNotEmpty();
  }

  @Test
  void editsTypedDuringALeaderFailoverAreDeliveredAfterIt() throws Exception {
    RaftpadClient ada = signedIn(cluster.seeds(), "ada");
    DocumentInfo doc = ada.documents().create("Failover", "");
    DocumentSession session = ada.openDocument(doc.id());
    Await.until("live", WAIT, () -> session.connectionState() == ConnectionState.CONNECTED);
    type(session, "before", 10, new Random(3));
    String leader = cluster.leaderId();

    Thread stopping =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    cluster.stopNode(leader);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
    type(session, "during", 20, new Random(4));
    stopping.join();
    type(session, "after", 10, new Random(5));

    assertThat(session.awaitSynchronized(WAIT)).isTrue();
    String server = ada.documents().get(doc.id()).text();
    Await.until(
        "session at head",
        WAIT,
        () -> session.revision() == ada.documents().get(doc.id()).revision());
    assertThat(session.text()).isEqualTo(server);
    Typed typed = Typed.in(server);
    for (String prefix : List.of("before", "during", "after")) {
      int n = prefix.equals("during") ? 20 : 10;
      for (int i = 0; i < n; i++) {
        assertThat(typed.times("<" + prefix + i + ">")).as(prefix + i).isEqualTo(1);
      }
    }
    assertThat(typed.rest()).isEmpty();
    // The session either saw its stream break or moved it to the new leader when it learned of
    // it (the stopping leader hands over first); either way it ends live.
    Await.until("live again", WAIT, () -> session.connectionState() == ConnectionState.CONNECTED);
  }

  /** Inserts {@code <prefix i>} tokens at random places between tokens. */
  static void type(DocumentSession session, String prefix, int count, Random random) {
    for (int i = 0; i < count; i++) {
      String text = session.text();
      List<Integer> boundaries = new ArrayList<>();
      boundaries.add(0);
      for (int at = text.indexOf('>'); at >= 0; at = text.indexOf('>', at + 1)) {
        boundaries.add(text.codePointCount(0, at + 1));
      }
      boundaries.add(text.codePointCount(0, text.length()));
      int position = boundaries.get(random.nextInt(boundaries.size()));
      try {
        session.localEdit(Operation.insert(position, "<" + prefix + i + ">"));
      } catch (IllegalArgumentException e) {
        i--; // a remote edit shortened the document between text() and localEdit: try again
      }
    }
  }

  /**
   * The tokens {@link #type} typed, taken out of {@code text} innermost first, with what is left. A
   * remote edit that arrives between reading the text and typing moves the chosen place, so a token
   * can land inside another ("<A2<B7>6>"): taking "<B7>" out joins "<A26>" again. A lost edit is
   * then counted 0 times, a repeated one twice.
   */
  record Typed(Map<String, Integer> counts, String rest) {
    private static final Pattern TOKEN = Pattern.compile("<[A-Za-z]+[0-9]+>");

    static Typed in(String text) {
      Map<String, Integer> counts = new java.util.HashMap<>();
      String rest = text;
      for (Matcher m = TOKEN.matcher(rest); m.find(); m = TOKEN.matcher(rest)) {
        m.reset();
        while (m.find()) {
          counts.merge(m.group(), 1, Integer::sum);
        }
        rest = TOKEN.matcher(rest).replaceAll("");
      }
      return new Typed(counts, rest);
    }

    int times(String token) {
      return counts.getOrDefault(token, 0);
    }

    int tokens() {
      return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
  }
}
