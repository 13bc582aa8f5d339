package dev.raftpad.client.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.model.ClusterStatus;
import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.client.sdk.model.DocumentSnapshot;
import dev.raftpad.client.sdk.model.NodeRole;
import dev.raftpad.client.sdk.session.DocumentSession;
import dev.raftpad.client.sdk.session.SessionEvent;
import dev.raftpad.client.testing.SetupCalls;
import dev.raftpad.document.op.Operation;
import dev.raftpad.testkit.Await;
import dev.raftpad.testkit.linearizability.CheckResult;
import dev.raftpad.testkit.linearizability.LinearizabilityChecker;
import dev.raftpad.testkit.process.NodeProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three server-node processes on loopback; concurrent writers, lockers, renamers and readers go
 * through the SDK while the leader is killed with SIGKILL again and again and restarted on its data
 * dir, and a follower is kept down across a snapshot and killed again right after its restart.
 * Afterwards: every node holds the same documents, every acknowledged edit is present exactly once,
 * every session converged on the server's text, and the title reads and writes are linearizable.
 * Reproduce a run with {@code -Dchaos.seed=N}.
 */
class RealProcessChaosTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String PASSWORD = "chaos password";
  private static final int LEADER_KILLS = 5;
  private static final int WRITERS = 4;
  private static final int EDITED_DOCUMENTS = 2;
  private static final int REGISTERS = 3;
  private static final int READERS = 2;

  @TempDir Path root;
  private NodeProcesses nodes;
  private final List<RaftpadClient> clients = new CopyOnWriteArrayList<>();
  private final Map<String, RaftpadClient> pinned = new ConcurrentHashMap<>();
  private final long seed = Long.getLong("chaos.seed", System.nanoTime());
  private final Random random = new Random(seed);
  private volatile String step = "start";
  private volatile boolean running = true;
  private final AtomicReference<Throwable> workerFailure = new AtomicReference<>();
  private final List<dev.raftpad.testkit.linearizability.Operation<RegisterModel.Input, String>>
      history = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> lockOutcomes = new ConcurrentHashMap<>();
  private String adminToken;
  private final List<Writer> writers = new CopyOnWriteArrayList<>();
  private final List<ExecutorService> eventExecutors = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws Exception {
    running = false;
    clients.forEach(RaftpadClient::close);
    pinned.values().forEach(RaftpadClient::close);
    eventExecutors.forEach(ExecutorService::shutdownNow);
    if (nodes != null) {
      nodes.close();
    }
  }

  @Test
  void acknowledgedEditsSurviveRepeatedKillNineOfTheLeader() throws Throwable {
    long started = System.nanoTime();
    try {
      run(started);
    } catch (Throwable t) {
      System.out.println("CHAOS FAILED seed=" + seed + " at step '" + step + "': " + t);
      for (Writer writer : writers) {
        System.out.println(
            writer.name
                + ": connection="
                + writer.session.connectionState()
                + " synchronized="
                + writer.session.isSynchronized()
                + " revision="
                + writer.session.revision()
                + " acked="
                + writer.ledger.acknowledgedCount()
                + " typed="
                + writer.ledger.typedCount()
                + " pending="
                + writer.ledger.pendingCount()
                + " leader="
                + writer.client.leader()
                + " problems="
                + writer.problems
                + " resyncs="
                + writer.ledger.resyncs());
      }
      if (nodes != null) {
        for (String id : nodes.ids()) {
          System.out.println(
              id + " running=" + nodes.isRunning(id) + " status=" + statusOrNull(id));
        }
        for (String id : nodes.ids()) {
          System.out.println("---- last lines of " + id + " ----\n" + nodes.logTail(id, 40));
        }
        System.out.println("CHAOS node logs kept in " + keepLogs());
      }
      throw t;
    }
  }

  private void run(long started) throws Throwable {
    step = "start three nodes";
    nodes = new NodeProcesses(root, List.of("n1", "n2", "n3"));
    for (String id : nodes.ids()) {
      nodes.start(id);
    }
    RaftpadClient admin = client();
    register(admin, "admin");
    adminToken = setup(() -> admin.login("admin", PASSWORD, "chaos").token());
    register(admin, "alice");
    register(admin, "bob");

    step = "create documents";
    List<String> documents = new ArrayList<>();
    for (int i = 0; i < REGISTERS; i++) {
      String id = setup(() -> admin.documents().create(RegisterModel.INITIAL, "").id());
      // alice and bob edit and read them: anyone signed in may (sharing is idempotent, so retried)
      var unused = setup(() -> admin.sharing().setLinkAccess(id, DocumentRole.EDITOR));
      documents.add(id);
    }

    step = "start workers";
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      ExecutorService events =
          Executors.newSingleThreadExecutor(
              Thread.ofPlatform().name("w" + w + "-events").factory());
      eventExecutors.add(events);
      RaftpadClient alice = client(events);
      String device = "writer-" + w;
      setup(() -> alice.login("alice", PASSWORD, device));
      String doc = documents.get(w % EDITED_DOCUMENTS);
      Writer writer =
          new Writer("w" + w, alice, alice.openDocument(doc), events, doc, w % 2 == 0, seed + w);
      writers.add(writer);
      threads.add(worker("writer-" + w, writer));
    }
    for (int k = 0; k < REGISTERS; k++) {
      RaftpadClient bob = client();
      setup(() -> bob.login("bob", PASSWORD, "renamer"));
      int client = k;
      String doc = documents.get(k);
      threads.add(worker("renamer-" + k, () -> rename(client, bob, doc)));
    }
    for (int r = 0; r < READERS; r++) {
      RaftpadClient bob = client();
      setup(() -> bob.login("bob", PASSWORD, "reader"));
      int client = REGISTERS + r;
      Random own = new Random(seed * 31 + r);
      threads.add(worker("reader-" + r, () -> read(client, bob, documents, own)));
    }

    int leaderKills = 0;
    int followerKills = 0;
    for (int round = 1; round <= LEADER_KILLS; round++) {
      step = "leader kill " + round + ": wait for progress";
      awaitProgress(writers);
      String leader = leader();
      step = "leader kill " + round + ": kill -9 " + leader;
      nodes.kill(leader);
      leaderKills++;
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100 + random.nextInt(600)));
      step = "leader kill " + round + ": restart " + leader;
      nodes.start(leader);
    }

    step = "follower across a snapshot: wait for progress";
    awaitProgress(writers);
    String leader = leader();
    String follower = nodes.ids().stream().filter(id -> !id.equals(leader)).findFirst().get();
    long snapshotBefore = status(leader).snapshotIndex();
    step = "follower across a snapshot: kill -9 " + follower;
    nodes.kill(follower);
    followerKills++;
    long snapshotDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    long snapshotAfter = snapshotBefore;
    while (System.nanoTime() < snapshotDeadline && snapshotAfter <= snapshotBefore) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
      snapshotAfter = statusOrNull(leader) == null ? snapshotAfter : status(leader).snapshotIndex();
    }
    step = "follower across a snapshot: restart, kill -9 during catch-up, restart " + follower;
    nodes.start(follower);
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1500 + random.nextInt(500)));
    nodes.kill(follower);
    followerKills++;
    nodes.start(follower);
    awaitProgress(writers);

    step = "stop workers";
    running = false;
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(90));
      assertThat(thread.isAlive()).as(thread.getName() + " stopped").isFalse();
    }
    if (workerFailure.get() != null) {
      throw workerFailure.get();
    }
    step = "sessions synchronize";
    for (Writer writer : writers) {
      assertThat(writer.session.awaitSynchronized(WAIT)).as(writer.name + " synchronized").isTrue();
      // Every pending token is now confirmed or given up, but the events saying which may still be
      // on their way (a Resynced of a client swap that happened just before): wait for them.
      Await.until(writer.name + " ledger settled", WAIT, writer.ledger::settled);
    }

    step = "every node holds the same documents";
    Map<String, DocumentSnapshot> agreed = identicalOnEveryNode(documents);

    step = "every acknowledged edit exactly once";
    int acknowledged = 0;
    int typed = 0;
    for (Writer writer : writers) {
      DocumentSnapshot server = agreed.get(writer.documentId);
      String text = server.text();
      Set<String> acked = writer.ledger.acknowledged();
      for (String token : acked) {
        int found = count(text, token);
        assertThat(found)
            .as(
                () ->
                    "acknowledged "
                        + token
                        + " found "
                        + found
                        + " times in "
                        + writer.documentId
                        + " at revision "
                        + server.revision()
                        + ": "
                        + writer.ledger.describe(token)
                        + "; "
                        + writer.name
                        + " resyncs "
                        + writer.ledger.resyncs()
                        + (found == 0 ? "; " + splitAt(text, token) : ""))
            .isEqualTo(1);
      }
      List<String> writerTyped = writer.ledger.typed();
      for (String token : writerTyped) {
        int found = count(text, token);
        assertThat(found)
            .as(
                () ->
                    "typed "
                        + token
                        + " found "
                        + found
                        + " times: "
                        + writer.ledger.describe(token))
            .isLessThanOrEqualTo(1);
      }
      acknowledged += acked.size();
      typed += writerTyped.size();
    }

    step = "every session converged";
    for (Writer writer : writers) {
      DocumentSnapshot server = agreed.get(writer.documentId);
      Await.until(
          writer.name + " at the server's revision",
          WAIT,
          () -> writer.session.revision() == server.revision());
      assertThat(writer.session.text()).as(writer.name).isEqualTo(server.text());
    }

    step = "linearizability of title reads and writes";
    CheckResult verdict = new LinearizabilityChecker().check(new RegisterModel(), history);
    assertThat(verdict).isInstanceOf(CheckResult.Linearizable.class);

    long revisions = 0;
    for (int i = 0; i < EDITED_DOCUMENTS; i++) {
      revisions += agreed.get(documents.get(i)).revision();
    }
    long writes = history.stream().filter(op -> op.input() instanceof RegisterModel.Write).count();
    System.out.printf(
        "CHAOS seed=%d leaderKills=%d followerKills=%d tokensTyped=%d acknowledged=%d"
            + " editRevisions=%d titleWrites=%d titleReads=%d locks=%s sessionProblems=%s"
            + " snapshotIndex=%d->%d"
            + " duration=%ds%n",
        seed,
        leaderKills,
        followerKills,
        typed,
        acknowledged,
        revisions,
        writes,
        history.size() - writes,
        lockOutcomes,
        writers.stream().flatMap(w -> w.problems.stream()).toList(),
        snapshotBefore,
        snapshotAfter,
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  // --- Workers. -------------------------------------------------------------------------------

  private Thread worker(String name, Runnable body) {
    return Thread.ofPlatform()
        .name(name)
        .start(
            () -> {
              try {
                body.run();
              } catch (Throwable t) {
                workerFailure.compareAndSet(null, new AssertionError(name + " failed", t));
              }
            });
  }

  /** Types unique tokens at the start or the end of the document; some also lock and unlock. */
  private final class Writer implements Runnable {
    final String name;
    final RaftpadClient client;
    final DocumentSession session;

    /** The session's event executor: remote edits are applied to its document only there. */
    final ExecutorService events;

    final String documentId;
    final boolean locks;
    final Random random;
    final List<String> problems = new CopyOnWriteArrayList<>();

    /** Which tokens are acknowledged; see {@link AckLedger} for the races it keeps out. */
    final AckLedger ledger = new AckLedger();

    Writer(
        String name,
        RaftpadClient client,
        DocumentSession session,
        ExecutorService events,
        String documentId,
        boolean locks,
        long seed) {
      this.name = name;
      this.client = client;
      this.session = session;
      this.events = events;
      this.documentId = documentId;
      this.locks = locks;
      this.random = new Random(seed);
      session.addListener(this::onEvent);
    }

    private void onEvent(SessionEvent event) {
      switch (event) {
        case SessionEvent.Failed f -> problems.add(f.toString());
        case SessionEvent.EditRejected r -> problems.add(r.toString());
        case SessionEvent.Resynced r -> problems.add(r.toString());
        case SessionEvent.EditsReturned r -> problems.add("edits returned: " + r.reason());
        default -> {}
      }
      ledger.onEvent(event);
    }

    int acknowledgedCount() {
      return ledger.acknowledgedCount();
    }

    @Override
    public void run() {
      int n = 0;
      while (running) {
        String token = "<" + name + "-" + n + ">";
        if (random.nextBoolean()) {
          // Position 0 fits whatever arrives meanwhile: typed from this thread, concurrently with
          // the remote edits the event executor applies.
          ledger.type(token, () -> session.localEdit(Operation.insert(0, token)));
        } else {
          // The end must be read and typed at with no remote edit applied in between: one that
          // lands at position 0 meanwhile turns the end read before it into a position inside the
          // last tokens, and the new token splits an acknowledged one (found 0 times). Documents
          // only grow, so the edit would not even fail. On the event executor, as a UI would.
          onEventExecutor(
              () ->
                  ledger.type(
                      token,
                      () ->
                          session.localEdit(Operation.insert(session.document().length(), token))));
        }
        n++;
        if (locks && n % 40 == 0) {
          lockAndUnlock();
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10 + random.nextInt(20)));
      }
    }

    private void onEventExecutor(Runnable task) {
      try {
        events.submit(task).get();
      } catch (ExecutionException e) {
        throw new AssertionError(name + ": typing at the end failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(name + " interrupted", e);
      }
    }

    private void lockAndUnlock() {
      try {
        client.locks().lock(documentId, Duration.ofSeconds(5));
        count("locked");
        client.locks().unlock(documentId);
        count("unlocked");
      } catch (RaftpadException e) {
        // Failover can outlast a call; a stray lock expires within its 5 s lease.
        count(e.reason().name());
      }
    }
  }

  private void count(String outcome) {
    lockOutcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
  }

  /** The only writer of one register: renames the document to unique titles. */
  private void rename(int client, RaftpadClient bob, String doc) {
    for (int seq = 1; running; seq++) {
      String title = "t" + client + "-" + seq;
      var input = new RegisterModel.Write(doc, title);
      long call = System.nanoTime();
      try {
        bob.documents().rename(doc, title);
        history.add(
            new dev.raftpad.testkit.linearizability.Operation<>(
                client, input, "ok", call, System.nanoTime()));
      } catch (RaftpadException e) {
        // Maybe applied (an earlier attempt of the retried call may have committed).
        history.add(dev.raftpad.testkit.linearizability.Operation.unknown(client, input, call));
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }

  /** Reads titles linearizably; a failed read changed nothing and is left out of the history. */
  private void read(int client, RaftpadClient bob, List<String> documents, Random own) {
    while (running) {
      String doc = documents.get(own.nextInt(documents.size()));
      long call = System.nanoTime();
      try {
        String title = bob.documents().get(doc).info().title();
        history.add(
            new dev.raftpad.testkit.linearizability.Operation<>(
                client, new RegisterModel.Read(doc), title, call, System.nanoTime()));
      } catch (RaftpadException e) {
        // Unavailable during failover.
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  // --- Cluster helpers. -----------------------------------------------------------------------

  private RaftpadClient client() {
    return client(null);
  }

  /** A client whose listeners run on {@code events} (null: the SDK's own event thread). */
  private RaftpadClient client(ExecutorService events) {
    ClientOptions options =
        ClientOptions.defaults()
            .withTrustedCa(nodes.caFile())
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(20))
            .withBackoff(Duration.ofMillis(20), Duration.ofMillis(500));
    if (events != null) {
      options = options.withEventExecutor(events);
    }
    RaftpadClient client = RaftpadClient.connect(SeedAddresses.parse(nodes.seeds()), options);
    clients.add(client);
    return client;
  }

  private static void register(RaftpadClient client, String user) {
    SetupCalls.registered(WAIT, client, user, PASSWORD);
  }

  private static <T> T setup(java.util.function.Supplier<T> call) {
    return SetupCalls.retried(WAIT, call);
  }

  /** A client that talks to one node only, signed in as the admin. */
  private RaftpadClient pinned(String id) {
    return pinned.computeIfAbsent(
        id,
        node -> {
          RaftpadClient client =
              RaftpadClient.connect(
                  SeedAddresses.parse(nodes.address(node)),
                  ClientOptions.defaults()
                      .withTrustedCa(nodes.caFile())
                      .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
                      .pinnedToFirstSeed());
          client.useToken(adminToken);
          return client;
        });
  }

  private ClusterStatus status(String id) {
    return pinned(id).cluster().status();
  }

  private ClusterStatus statusOrNull(String id) {
    try {
      return status(id);
    } catch (RaftpadException e) {
      return null;
    }
  }

  /**
   * Copies the node logs out of the temporary directory (JUnit deletes it) to {@code
   * target/chaos-logs/seed-N} and returns that directory.
   */
  private String keepLogs() {
    Path kept = Path.of("target", "chaos-logs", "seed-" + seed).toAbsolutePath();
    try {
      Files.createDirectories(kept);
      for (String id : nodes.ids()) {
        Path log = root.resolve(id + ".log");
        if (Files.exists(log)) {
          Files.copy(log, kept.resolve(id + ".log"), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      return kept + " (copy failed: " + e + "; originals in " + root + ", deleted after the test)";
    }
    return kept.toString();
  }

  /** The node that says it leads. */
  private String leader() {
    return Await.value(
        "a leader",
        WAIT,
        () -> {
          for (String id : nodes.ids()) {
            ClusterStatus status = statusOrNull(id);
            if (status != null
                && status.members().stream()
                    .anyMatch(
                        m ->
                            m.nodeId().equals(status.answeringNodeId())
                                && m.role() == NodeRole.LEADER)) {
              return id;
            }
          }
          return null;
        });
  }

  /** Waits until the writers got 20 more tokens acknowledged: the cluster is serving again. */
  private void awaitProgress(List<Writer> writers) {
    int before = writers.stream().mapToInt(Writer::acknowledgedCount).sum();
    Await.until(
        "20 more acknowledged edits",
        WAIT,
        () -> {
          if (workerFailure.get() != null) {
            throw new AssertionError("a worker failed", workerFailure.get());
          }
          return writers.stream().mapToInt(Writer::acknowledgedCount).sum() >= before + 20;
        });
  }

  /** Reads each document from each node (stale reads of its own state) until all agree. */
  private Map<String, DocumentSnapshot> identicalOnEveryNode(List<String> documents) {
    Map<String, DocumentSnapshot> agreed = new HashMap<>();
    for (String doc : documents) {
      agreed.put(
          doc,
          Await.value(
              "document " + doc + " identical on every node",
              WAIT,
              () -> {
                Set<String> views = new HashSet<>();
                DocumentSnapshot any = null;
                for (String id : nodes.ids()) {
                  try {
                    DocumentSnapshot s =
                        pinned(id).documents().get(doc, OptionalLong.empty(), true);
                    views.add(s.revision() + "|" + s.info().title() + "|" + s.text());
                    any = s;
                  } catch (RaftpadException e) {
                    return null;
                  }
                }
                return views.size() == 1 ? any : null;
              }));
    }
    return agreed;
  }

  /** Where a token missing from {@code text} was split by another insert, if it was. */
  private static String splitAt(String text, String token) {
    for (int keep = token.length() - 1; keep > 1; keep--) {
      String head = token.substring(0, keep) + "<";
      int at = text.indexOf(head);
      if (at >= 0) {
        return "split? a prefix of it is followed by another token: ..."
            + text.substring(Math.max(0, at - 20), Math.min(text.length(), at + 40))
            + "...";
      }
    }
    return "no part of it found";
  }

  private static int count(String text, String token) {
    int n = 0;
    for (int at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) {
      n++;
    }
    return n;
  }
}
