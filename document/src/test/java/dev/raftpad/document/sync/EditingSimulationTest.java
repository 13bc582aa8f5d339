package dev.raftpad.document.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.document.RandomEdits;
import dev.raftpad.document.history.DocumentLog;
import dev.raftpad.document.history.Revision;
import dev.raftpad.document.history.Submission;
import dev.raftpad.document.history.SubmitResult;
import dev.raftpad.document.op.Selection;
import dev.raftpad.document.review.CommentAnchor;
import dev.raftpad.document.review.CommentAnchors;
import dev.raftpad.document.review.Decision;
import dev.raftpad.document.review.Suggestions;
import dev.raftpad.document.text.Document;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * 2–8 clients typing, formatting, suggesting, accepting and rejecting suggestions, commenting,
 * undoing and redoing, with their messages delivered in random interleavings, duplicated, and lost
 * on disconnects, against one server log. After quiescence every client's document must equal the
 * server's, and every client's comment anchors the server's.
 *
 * <p>Fast by default (300 seeds); {@code -Draftpad.sim.long=true} runs 5,000; {@code
 * -Draftpad.sim.seed=N} replays one seed.
 */
class EditingSimulationTest {

  @Test
  void everyClientConvergesWithTheServer() {
    String oneSeed = System.getProperty("raftpad.sim.seed");
    if (oneSeed != null) {
      simulate(Long.parseLong(oneSeed));
      return;
    }
    int seeds = Boolean.getBoolean("raftpad.sim.long") ? 5_000 : 300;
    for (long seed = 1; seed <= seeds; seed++) {
      simulate(seed);
    }
  }

  private static void simulate(long seed) {
    try {
      new Simulation(seed).run();
    } catch (RuntimeException | AssertionError e) {
      throw new AssertionError(
          "simulation seed " + seed + " failed; replay with -Draftpad.sim.seed=" + seed, e);
    }
  }

  private sealed interface Message {}

  private record Committed(Revision revision) implements Message {}

  private record Caret(String clientId, long revision, Selection selection) implements Message {}

  /** A comment thread's anchor as the server has it at a revision (a thread event). */
  private record ThreadAnchor(String threadId, long revision, CommentAnchor anchor)
      implements Message {}

  private static final class Simulation {
    private final RandomEdits edits;
    private final Random random;
    private final DocumentLog server = new DocumentLog();
    private final CommentAnchors serverAnchors = new CommentAnchors();
    private final List<SyncClient> clients = new ArrayList<>();
    private final List<ArrayDeque<Outgoing>> uplink = new ArrayList<>();
    private final List<ArrayDeque<Message>> downlink = new ArrayList<>();
    private long time;

    Simulation(long seed) {
      edits = new RandomEdits(seed);
      random = edits.random();
      int count = 2 + random.nextInt(7);
      for (int i = 0; i < count; i++) {
        ArrayDeque<Outgoing> queue = new ArrayDeque<>();
        uplink.add(queue);
        downlink.add(new ArrayDeque<>());
        clients.add(new SyncClient("client-" + i, Document.empty(), 0, queue::add));
      }
    }

    void run() {
      int steps = 100 + random.nextInt(300);
      for (int step = 0; step < steps; step++) {
        int i = random.nextInt(clients.size());
        SyncClient client = clients.get(i);
        int choice = random.nextInt(100);
        if (choice < 25) {
          client.edit(edits.operation(client.document().length()));
        } else if (choice < 32) {
          Document now = client.document();
          String id = client.clientId() + "-s" + step;
          client.edit(
              Suggestions.suggest(
                  edits.operation(now.length()),
                  now,
                  id,
                  other -> other.startsWith(client.clientId())));
        } else if (choice < 34) {
          Document now = client.document();
          Set<String> ids = new HashSet<>();
          Suggestions.in(now).forEach(change -> ids.add(change.id()));
          client.edit(
              Suggestions.resolve(
                  now, ids, random.nextBoolean() ? Decision.ACCEPT : Decision.REJECT));
        } else if (choice < 37) {
          startThread(client);
        } else if (choice < 40) {
          client.undo();
        } else if (choice < 43) {
          client.redo();
        } else if (choice < 63) {
          serve(i);
        } else if (choice < 88) {
          deliver(i);
        } else if (choice < 91 && !uplink.get(i).isEmpty()) {
          uplink.get(i).add(uplink.get(i).peekLast()); // the network duplicates a message
        } else if (choice < 94) {
          reconnect(i);
        } else if (client.state() instanceof SyncState.Synchronized) {
          int length = client.document().length();
          Selection selection =
              new Selection(random.nextInt(length + 1), random.nextInt(length + 1));
          for (int other = 0; other < clients.size(); other++) {
            if (other != i) {
              downlink.get(other).add(new Caret(client.clientId(), client.revision(), selection));
            }
          }
        }
      }
      quiesce();
      for (SyncClient client : clients) {
        assertThat(client.state()).isInstanceOf(SyncState.Synchronized.class);
        assertThat(client.revision()).isEqualTo(server.headRevision());
        assertThat(client.document()).isEqualTo(server.head());
        for (Selection caret : client.carets().all().values()) {
          assertThat(Math.max(caret.anchor(), caret.head()))
              .isLessThanOrEqualTo(client.document().length());
        }
        assertThat(client.anchors()).isEqualTo(serverAnchors.all());
      }
    }

    /**
     * A synchronized client comments on a range of its text at its revision: the server moves the
     * range to its head, as the state machine does, and tells every client.
     */
    private void startThread(SyncClient client) {
      int length = client.document().length();
      if (!(client.state() instanceof SyncState.Synchronized) || length == 0) {
        return;
      }
      int start = random.nextInt(length);
      CommentAnchor anchor = CommentAnchor.of(start, start + 1 + random.nextInt(length - start));
      for (Revision r : server.revisionsAfter(client.revision()).orElseThrow()) {
        anchor = anchor.transform(r.operation());
      }
      if (anchor.detached()) {
        return; // refused: its text was deleted meanwhile
      }
      String id = "t" + (serverAnchors.all().size() + 1);
      serverAnchors.put(id, anchor);
      ThreadAnchor thread = new ThreadAnchor(id, server.headRevision(), anchor);
      downlink.forEach(queue -> queue.add(thread));
    }

    private void serve(int i) {
      Outgoing out = uplink.get(i).poll();
      if (out == null) {
        return;
      }
      time += 1 + random.nextInt(1000);
      SubmitResult result =
          server.submit(
              new Submission(
                  out.clientId(),
                  out.clientSeq(),
                  out.baseRevision(),
                  out.operation(),
                  out.clientId(),
                  Instant.ofEpochMilli(time)));
      switch (result) {
        case SubmitResult.Applied applied -> {
          Revision revision = server.revision(applied.revision()).orElseThrow();
          serverAnchors.transform(revision.operation());
          downlink.forEach(queue -> queue.add(new Committed(revision)));
        }
        case SubmitResult.Duplicate duplicate -> {}
        case SubmitResult.Rejected rejected ->
            throw new AssertionError("rejected: " + rejected.reason().message());
      }
    }

    private void deliver(int i) {
      Message message = downlink.get(i).poll();
      SyncClient client = clients.get(i);
      switch (message) {
        case null -> {}
        case Committed(Revision r) ->
            client.onCommitted(r.number(), r.clientId(), r.clientSeq(), r.operation());
        case Caret caret ->
            client.onRemoteSelection(caret.clientId(), caret.revision(), caret.selection());
        case ThreadAnchor thread ->
            assertThat(client.onRemoteAnchor(thread.threadId(), thread.revision(), thread.anchor()))
                .as("a thread event comes after the revisions before it")
                .isTrue();
      }
    }

    /** The connection drops: queued messages are lost; the client catches up and resends. */
    private void reconnect(int i) {
      uplink.get(i).clear();
      downlink.get(i).clear();
      SyncClient client = clients.get(i);
      for (Revision r : server.revisionsAfter(client.revision()).orElseThrow()) {
        client.onCommitted(r.number(), r.clientId(), r.clientSeq(), r.operation());
      }
      // The resumed stream's comment catch-up: every thread as the server has it at its head.
      serverAnchors
          .all()
          .forEach((id, anchor) -> client.onRemoteAnchor(id, server.headRevision(), anchor));
      client.resend();
    }

    private void quiesce() {
      boolean busy = true;
      while (busy) {
        busy = false;
        for (int i = 0; i < clients.size(); i++) {
          if (!uplink.get(i).isEmpty()) {
            serve(i);
            busy = true;
          }
          if (!downlink.get(i).isEmpty()) {
            deliver(i);
            busy = true;
          }
        }
      }
    }
  }
}
