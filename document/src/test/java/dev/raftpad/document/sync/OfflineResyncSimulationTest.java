package dev.raftpad.document.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.document.RandomEdits;
import dev.raftpad.document.history.DocumentLog;
import dev.raftpad.document.history.Rejection;
import dev.raftpad.document.history.Revision;
import dev.raftpad.document.history.Submission;
import dev.raftpad.document.history.SubmitResult;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.text.Document;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Clients that go offline for random periods and keep typing, against one server log that compacts
 * its history meanwhile; the network loses, duplicates and delays messages and forces subscribers
 * to resync (an overflowed queue). A client that comes back resumes from its revision when the
 * server still has what it missed (the operations are transformed as they arrive), and otherwise
 * resyncs the way the SDK does: it asks the server, by (clientId, clientSeq), whether its operation
 * in flight was applied, reloads the head and carries its edits onto it ({@link
 * SyncClient#carriedOnto}).
 *
 * <p>Clients also restart from their offline copy ({@link SyncClient#restore}), written before each
 * operation leaves: what the server received before the restart is not applied again.
 *
 * <p>Every inserted character is a code point of its own, so the end can check, per character:
 * everyone converges on the server's head; no character appears twice (nothing was applied twice);
 * every character anyone typed is there unless some operation deleted it. A failure names the seed
 * (jqwik prints it as the falsified sample).
 */
class OfflineResyncSimulationTest {

  @Property(tries = 300)
  void offlineClientsConvergeAndKeepEveryCharacterTheyTyped(@ForAll long seed) {
    new Simulation(seed).run();
  }

  /**
   * The three-way merge path on its own: a client types offline, the history it was based on is
   * compacted away meanwhile while another client edits, and the first client's text lands anyway.
   */
  @Example
  void editsMadeOfflineSurviveACompactedHistory() {
    DocumentLog server = new DocumentLog(Document.of("hello world"), 0);
    List<Outgoing> sent = new ArrayList<>();
    SyncClient offline = new SyncClient("a", server.head(), 0, sent::add);
    offline.edit(Operation.insert(5, ","));
    offline.edit(Operation.insert(12, "!"));
    offline.edit(Operation.delete(0, 1));
    offline.edit(Operation.insert(0, "H"));
    // Meanwhile, someone else edits and the server forgets revision 0.
    var unused =
        server.submit(
            new Submission("b", 1, 0, Operation.insert(11, " again"), "b", Instant.EPOCH));
    server.compactTo(server.headRevision());
    // The in-flight operation cannot be transformed any more: the server refuses it and did not
    // apply it.
    Outgoing inFlight = offline.inFlight().orElseThrow();
    assertThat(submit(server, inFlight))
        .isEqualTo(
            new SubmitResult.Rejected(
                new Rejection.HistoryCompacted(0, server.oldestRetainedRevision())));

    List<Outgoing> resent = new ArrayList<>();
    SyncClient carried =
        offline.carriedOnto("a2", server.head(), server.headRevision(), false, resent::add);

    assertThat(carried.document().text()).isEqualTo("Hello, world again!");
    assertThat(resent).hasSize(1);
    assertThat(submit(server, resent.getFirst())).isInstanceOf(SubmitResult.Applied.class);
    assertThat(server.head().text()).isEqualTo("Hello, world again!");
  }

  /**
   * When the operation in flight WAS applied before the history went, only what was typed after it
   * is carried: nothing is applied twice.
   */
  @Example
  void anAppliedInFlightOperationIsNotCarriedAgain() {
    DocumentLog server = new DocumentLog(Document.of("ab"), 0);
    List<Outgoing> sent = new ArrayList<>();
    SyncClient client = new SyncClient("a", server.head(), 0, sent::add);
    client.edit(Operation.insert(1, "X")); // in flight
    client.edit(Operation.insert(3, "Y")); // buffered
    assertThat(submit(server, sent.getFirst())).isInstanceOf(SubmitResult.Applied.class);
    var unused =
        server.submit(new Submission("b", 1, 1, Operation.insert(0, "Z"), "b", Instant.EPOCH));
    server.compactTo(server.headRevision());
    // The confirmation was lost; asking again by (clientId, clientSeq) says it was applied.
    assertThat(submit(server, client.inFlight().orElseThrow()))
        .isInstanceOf(SubmitResult.Duplicate.class);

    List<Outgoing> resent = new ArrayList<>();
    SyncClient carried =
        client.carriedOnto("a2", server.head(), server.headRevision(), true, resent::add);

    assertThat(carried.document().text()).isEqualTo("ZaXbY");
    assertThat(submit(server, resent.getFirst())).isInstanceOf(SubmitResult.Applied.class);
    assertThat(server.head().text()).isEqualTo("ZaXbY");
  }

  private static SubmitResult submit(DocumentLog server, Outgoing out) {
    return server.submit(
        new Submission(
            out.clientId(),
            out.clientSeq(),
            out.baseRevision(),
            out.operation(),
            out.clientId(),
            Instant.EPOCH));
  }

  private sealed interface Message {}

  private record Committed(Revision revision) implements Message {}

  /** The end of a resumed stream's replay: the client resends what it has in flight. */
  private record Live() implements Message {}

  /** One client and its connection. */
  private static final class Peer {
    final int index;
    SyncClient sync;
    boolean online = true;
    int swaps;
    final ArrayDeque<Outgoing> uplink = new ArrayDeque<>();
    final ArrayDeque<Message> downlink = new ArrayDeque<>();

    /**
     * The SDK's offline copy: written before each operation leaves (write-ahead) and, lagging,
     * after other changes; a restart goes on from it.
     */
    SyncClient.Saved onDisk;

    Peer(int index, Document content) {
      this.index = index;
      this.sync = new SyncClient("c" + index, content, 0, this::send);
      this.onDisk = sync.saved();
    }

    /**
     * What the SDK's edit channel does: the copy naming the operation is written first; with no
     * stream, nothing is sent (resent once Live). An operation of a client being swapped in goes at
     * the next Live, as in the SDK.
     */
    void send(Outgoing out) {
      if (sync != null && out.clientId().equals(sync.clientId())) {
        onDisk = sync.saved();
      }
      if (online) {
        uplink.add(out);
      }
    }
  }

  private static final class Simulation {
    private final long seed;
    private final Random random;
    private final RandomEdits edits;
    private final DocumentLog server = new DocumentLog();
    private final List<Peer> peers = new ArrayList<>();
    private final Set<Integer> typed = new HashSet<>();
    private final Set<Integer> deleted = new HashSet<>();
    private int nextCodePoint = 0xF0000; // Supplementary Private Use Area-A: surrogate pairs too
    private long time;

    Simulation(long seed) {
      this.seed = seed;
      this.edits = new RandomEdits(seed);
      this.random = edits.random();
      int count = 2 + random.nextInt(4);
      for (int i = 0; i < count; i++) {
        peers.add(new Peer(i, server.head()));
      }
    }

    void run() {
      try {
        int steps = 100 + random.nextInt(400);
        for (int step = 0; step < steps; step++) {
          step(peers.get(random.nextInt(peers.size())));
        }
        quiesce();
        check();
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError("simulation seed " + seed + " failed", e);
      }
    }

    private void step(Peer peer) {
      if (random.nextBoolean()) {
        peer.onDisk = peer.sync.saved(); // the copy writer caught up
      }
      int choice = random.nextInt(100);
      if (choice < 30) {
        type(peer);
      } else if (choice < 50) {
        serve(peer);
      } else if (choice < 70) {
        deliver(peer);
      } else if (choice < 75 && !peer.uplink.isEmpty()) {
        peer.uplink.add(peer.uplink.peekLast()); // the network duplicates a message
      } else if (choice < 81) {
        if (peer.online) {
          goOffline(peer);
        } else {
          comeBack(peer);
        }
      } else if (choice < 85) {
        if (peer.online) {
          overflow(peer);
        }
      } else if (choice < 90) {
        long oldest = server.oldestRetainedRevision();
        server.compactTo(oldest + random.nextLong(server.headRevision() - oldest + 1));
      } else if (choice < 94) {
        restart(peer);
      } else if (!peer.online && random.nextInt(3) == 0) {
        comeBack(peer);
      }
    }

    /**
     * The client process ends (quit, crash, reboot) and starts again from its offline copy, losing
     * everything in memory: what was on its way in either direction, and typing newer than the copy
     * that was never sent — the only characters a restart may lose.
     */
    private void restart(Peer peer) {
      boolean wasOnline = peer.online;
      if (wasOnline) {
        endStream(peer);
      }
      Set<Integer> kept = new HashSet<>();
      peer.onDisk.local().text().codePoints().forEach(kept::add);
      server.head().text().codePoints().forEach(kept::add);
      peer.sync.document().text().codePoints().filter(c -> !kept.contains(c)).forEach(deleted::add);
      peer.online = false;
      peer.sync = SyncClient.restore(peer.onDisk, peer::send);
      if (wasOnline) {
        comeBack(peer);
      }
    }

    /** Inserts fresh characters, deletes a range, or formats one. */
    private void type(Peer peer) {
      Document now = peer.sync.document();
      int length = now.length();
      int kind = random.nextInt(10);
      if (kind < 6 || length == 0) {
        StringBuilder text = new StringBuilder();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
          typed.add(nextCodePoint);
          text.appendCodePoint(nextCodePoint++);
        }
        peer.sync.edit(Operation.insert(random.nextInt(length + 1), text.toString()));
      } else if (kind < 9) {
        int start = random.nextInt(length);
        int count = 1 + random.nextInt(Math.min(4, length - start));
        now.text(start, count).codePoints().forEach(deleted::add);
        peer.sync.edit(Operation.delete(start, count));
      } else {
        int start = random.nextInt(length);
        int count = 1 + random.nextInt(length - start);
        peer.sync.edit(Operation.format(start, count, edits.attributes(false)));
      }
    }

    /** The server takes the next message the peer sent, if it reached it. */
    private void serve(Peer peer) {
      Outgoing out = peer.uplink.poll();
      if (out == null) {
        return;
      }
      SubmitResult result = submit(out);
      if (result instanceof SubmitResult.Rejected rejected) {
        assertThat(rejected.reason()).isInstanceOf(Rejection.HistoryCompacted.class);
        // A refusal of the client's current id makes it resync; an old id's is stale news.
        if (peer.online && out.clientId().equals(peer.sync.clientId())) {
          resync(peer);
        }
      }
    }

    private SubmitResult submit(Outgoing out) {
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
      if (result instanceof SubmitResult.Applied applied) {
        Revision revision = server.revision(applied.revision()).orElseThrow();
        for (Peer p : peers) {
          if (p.online) {
            p.downlink.add(new Committed(revision));
          }
        }
      }
      return result;
    }

    private void deliver(Peer peer) {
      switch (peer.downlink.poll()) {
        case null -> {}
        case Committed(Revision r) -> {
          if (r.number() > peer.sync.revision()) {
            peer.sync.onCommitted(r.number(), r.clientId(), r.clientSeq(), r.operation());
          }
        }
        case Live live -> peer.sync.resend();
      }
    }

    /**
     * The stream ends: what the peer had sent either reached the server first or is lost, and what
     * was on its way down is lost.
     */
    private void goOffline(Peer peer) {
      endStream(peer);
      peer.online = false;
    }

    private void endStream(Peer peer) {
      while (!peer.uplink.isEmpty()) {
        Outgoing out = peer.uplink.poll();
        if (random.nextBoolean()) {
          var unused = submit(out); // a refusal here is answered on a stream that is gone
        }
      }
      peer.downlink.clear();
    }

    /** A new stream: the server replays what the peer missed if it still can, else Resync. */
    private void comeBack(Peer peer) {
      peer.online = true;
      resume(peer);
    }

    private void resume(Peer peer) {
      Optional<List<Revision>> missed = server.revisionsAfter(peer.sync.revision());
      if (missed.isEmpty()) {
        resync(peer);
        return;
      }
      missed.get().forEach(r -> peer.downlink.add(new Committed(r)));
      peer.downlink.add(new Live());
    }

    /**
     * The subscriber's queue overflowed: what was on its way is replaced by a Resync. The SDK first
     * resumes from its revision (the replay is transformed like any operation) and reloads only
     * when that fails; here either may happen, so both must keep every edit.
     */
    private void overflow(Peer peer) {
      peer.downlink.clear();
      if (random.nextBoolean()) {
        resume(peer);
      } else {
        resync(peer);
      }
    }

    /**
     * The SDK's resync without a replay: end the stream, ask the server what became of the
     * operation in flight by resubmitting it with its own (clientId, clientSeq) — applied now or
     * before (Duplicate), or refused because its base is gone — then carry the edits onto the head
     * under a new client id.
     */
    private void resync(Peer peer) {
      endStream(peer);
      boolean applied = false;
      Optional<Outgoing> inFlight = peer.sync.inFlight();
      if (inFlight.isPresent()) {
        SubmitResult probe = submit(inFlight.get());
        applied = !(probe instanceof SubmitResult.Rejected);
      }
      peer.downlink.clear(); // the new stream starts at the head loaded below
      peer.swaps++;
      peer.sync =
          peer.sync.carriedOnto(
              "c" + peer.index + "." + peer.swaps,
              server.head(),
              server.headRevision(),
              applied,
              peer::send);
      peer.onDisk = peer.sync.saved();
    }

    private void quiesce() {
      for (Peer peer : peers) {
        if (!peer.online) {
          comeBack(peer);
        }
      }
      boolean busy = true;
      while (busy) {
        busy = false;
        for (Peer peer : peers) {
          if (!peer.uplink.isEmpty()) {
            serve(peer);
            busy = true;
          }
          if (!peer.downlink.isEmpty()) {
            deliver(peer);
            busy = true;
          }
        }
      }
    }

    private void check() {
      Document head = server.head();
      for (Peer peer : peers) {
        assertThat(peer.sync.state()).isInstanceOf(SyncState.Synchronized.class);
        assertThat(peer.sync.revision()).isEqualTo(server.headRevision());
        assertThat(peer.sync.document()).isEqualTo(head);
        assertThat(peer.sync.confirmedDocument()).isEqualTo(head);
      }
      List<Integer> present = head.text().codePoints().boxed().toList();
      assertThat(new HashSet<>(present))
          .as("no character was applied twice")
          .hasSize(present.size());
      Set<Integer> kept = new HashSet<>(typed);
      kept.removeAll(deleted);
      assertThat(present).as("every character typed and not deleted").containsAll(kept);
    }
  }
}
