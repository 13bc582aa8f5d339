package dev.raftpad.client.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.client.sdk.session.DocumentSession;
import dev.raftpad.client.testing.ProcessClients;
import dev.raftpad.client.testing.RevisionReader;
import dev.raftpad.client.testing.SetupCalls;
import dev.raftpad.document.op.Operation;
import dev.raftpad.testkit.Await;
import dev.raftpad.testkit.process.NodeProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers spread over every node (ADR 0014) while one writer types and each node in turn is killed
 * with SIGKILL and restarted — so the node serving each reader dies at least once, and so does the
 * leader. Every reader must receive every revision of the document exactly once, in order: a
 * follower's replay on resume covers what was committed while the reader was away.
 */
class SpreadReadersTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String PASSWORD = "spread password";
  private static final int READERS = 12;

  @TempDir Path root;
  private NodeProcesses nodes;
  private final List<RaftpadClient> clients = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (RaftpadClient client : clients) {
      client.close();
    }
    if (nodes != null) {
      nodes.close();
    }
  }

  @Test
  void everyReaderGetsEveryRevisionOnceAndInOrderWhileEachNodeDiesInTurn() throws Exception {
    nodes = new NodeProcesses(root, List.of("n1", "n2", "n3"));
    for (String id : nodes.ids()) {
      nodes.start(id);
    }
    RaftpadClient admin = client();
    SetupCalls.registered(WAIT, admin, "admin", PASSWORD);
    retried(() -> admin.login("admin", PASSWORD, "setup"));
    String doc = retried(() -> admin.documents().create("Read everywhere", "").id());
    var unused = retried(() -> admin.sharing().setLinkAccess(doc, DocumentRole.VIEWER));

    List<RevisionReader> readers = new ArrayList<>();
    for (int r = 0; r < READERS; r++) {
      RaftpadClient client = client();
      retried(() -> client.login("admin", PASSWORD, "reader"));
      RevisionReader reader = new RevisionReader();
      // Closed with its client; placed by its own client id, so the readers spread over the nodes.
      var unusedStream = client.subscribe(List.of(doc), Map.of(doc, 0L), reader::on);
      readers.add(reader);
    }

    RaftpadClient writerClient = client();
    retried(() -> writerClient.login("admin", PASSWORD, "writer"));
    try (DocumentSession writer = writerClient.openDocument(doc)) {
      AtomicBoolean typing = new AtomicBoolean(true);
      Thread typist =
          Thread.ofPlatform()
              .name("typist")
              .start(
                  () -> {
                    int n = 0;
                    while (typing.get()) {
                      writer.localEdit(
                          Operation.insert(writer.document().length(), "w" + n++ + " "));
                      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(15));
                    }
                  });
      for (String victim : nodes.ids()) {
        long before = writer.revision();
        Await.until("the writer makes progress", WAIT, () -> writer.revision() > before + 20);
        nodes.kill(victim);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
        nodes.start(victim);
      }
      long before = writer.revision();
      Await.until("the writer makes progress", WAIT, () -> writer.revision() > before + 20);
      typing.set(false);
      typist.join();
      assertThat(writer.awaitSynchronized(WAIT)).isTrue();
      long head = writer.revision();

      for (RevisionReader reader : readers) {
        Await.until("a reader reaches the head", WAIT, () -> reader.received() >= head);
      }
      List<Long> everyRevision = java.util.stream.LongStream.rangeClosed(1, head).boxed().toList();
      for (RevisionReader reader : readers) {
        assertThat(reader.resynced()).isFalse();
        assertThat(reader.revisions()).isEqualTo(everyRevision);
      }
    }
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
