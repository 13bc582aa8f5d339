package dev.raftpad.testkit.trace;

import dev.raftpad.document.history.DocumentLog;
import dev.raftpad.document.history.Submission;
import dev.raftpad.document.history.SubmitResult;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.sync.Outgoing;
import dev.raftpad.document.sync.SyncClient;
import dev.raftpad.document.sync.SyncState;
import dev.raftpad.document.text.Document;
import dev.raftpad.testkit.trace.EditingTrace.Concurrent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Replays a concurrent trace through simulated clients: one {@link SyncClient} (the ot.js state
 * machine) per agent, a server {@link DocumentLog}, and a network of per-client queues.
 *
 * <p>Before an agent makes a transaction, the network delivers at least everything that
 * transaction's causal context saw (it may deliver more: the ot.js client holds one operation in
 * flight, so an agent sometimes has to receive later operations before its own is confirmed). The
 * transaction's patches name characters (see {@link CharacterOrder}), and are turned into an
 * operation on whatever the agent's document holds at that moment, as an editor would. Between
 * transactions a seeded random schedule delivers, submits and reconnects early, so different seeds
 * give different interleavings. At the end every queue is drained; every client's document must
 * equal the server's.
 */
public final class ConcurrentReplay {
  /**
   * The result of a replay.
   *
   * @param serverText the server's final text
   * @param clientTexts each agent's final text
   * @param log the server's log
   */
  public record Outcome(String serverText, List<String> clientTexts, DocumentLog log) {}

  // Internal and never compared or hashed; arrays keep the replay compact.
  @SuppressWarnings("ArrayRecordComponent")
  private record Sent(Outgoing outgoing, int[] txns, Instant time) {}

  // Internal and never compared or hashed; arrays keep the replay compact.
  @SuppressWarnings("ArrayRecordComponent")
  private record Delivery(long revision, String clientId, long seq, Operation op, int[] txns) {}

  private final Concurrent trace;
  private final CausalContext context;
  private final CharacterOrder characters;
  private final SplittableRandom random;
  private final DocumentLog log = new DocumentLog();
  private final int agents;
  private final SyncClient[] clients;
  private final List<ArrayDeque<Sent>> uplink = new ArrayList<>();
  private final List<ArrayDeque<Delivery>> downlink = new ArrayList<>();
  private final List<List<Integer>> unsent = new ArrayList<>();
  private final List<Map<Long, int[]>> unitBySeq = new ArrayList<>();
  private final Map<Long, int[]> txnsByRevision = new HashMap<>();
  private final int[] newestCommitted;
  private final AgentView[] views;
  private final boolean debug = Boolean.getBoolean("raftpad.replay.debug");
  private Instant now = Instant.EPOCH;

  /**
   * A concurrent trace resolved to character identities: the preparation every replay of it shares,
   * done once (like parsing the file, it is not part of the system under test).
   */
  public static final class Prepared {
    private final Concurrent trace;
    private final CausalContext context;
    private final CharacterOrder characters;

    private Prepared(Concurrent trace, CausalContext context, CharacterOrder characters) {
      this.trace = trace;
      this.context = context;
      this.characters = characters;
    }

    /** The text the trace's own causal order gives (a check of the character identities). */
    public String referenceText() {
      return characters.finalText();
    }
  }

  /** Resolves a trace to character identities, once for any number of replays. */
  public static Prepared prepare(Concurrent trace) {
    CausalContext context = new CausalContext(trace);
    return new Prepared(trace, context, new CharacterOrder(trace, context));
  }

  private ConcurrentReplay(Prepared prepared, long seed) {
    this.trace = prepared.trace;
    this.context = prepared.context;
    this.characters = prepared.characters;
    this.random = new SplittableRandom(seed);
    this.agents = trace.agents();
    this.clients = new SyncClient[agents];
    this.newestCommitted = new int[agents];
    this.views = new AgentView[agents];
    Arrays.fill(newestCommitted, -1);
    for (int a = 0; a < agents; a++) {
      int agent = a;
      views[a] = new AgentView(agents, trace.transactions().size(), context, characters);
      uplink.add(new ArrayDeque<>());
      downlink.add(new ArrayDeque<>());
      unsent.add(new ArrayList<>());
      unitBySeq.add(new HashMap<>());
      // The agents never undo, so they keep no undo history.
      clients[a] = new SyncClient("agent-" + a, Document.empty(), 0, out -> sent(agent, out), 0);
    }
  }

  /**
   * Replays {@code trace} with the delivery schedule drawn from {@code seed}.
   *
   * @throws IllegalStateException when the replay goes wrong (a rejected submission, or clients
   *     that do not converge), naming the seed
   */
  public static Outcome replay(Prepared trace, long seed) {
    return new ConcurrentReplay(trace, seed).run(seed);
  }

  private Outcome run(long seed) {
    for (int txn = 0; txn < trace.transactions().size(); txn++) {
      int agent = context.agentOf(txn);
      now = trace.transactions().get(txn).time();
      deliverContext(txn, agent);
      edit(txn, agent);
      randomActivity();
    }
    drain();
    List<String> texts = new ArrayList<>();
    String server = log.head().text();
    for (SyncClient client : clients) {
      if (!(client.state() instanceof SyncState.Synchronized)) {
        throw new IllegalStateException(
            "seed " + seed + ": " + client.clientId() + " not synchronized after draining");
      }
      texts.add(client.document().text());
      if (!client.document().text().equals(server)) {
        throw new IllegalStateException(
            "seed " + seed + ": " + client.clientId() + " diverged from the server");
      }
    }
    return new Outcome(server, texts, log);
  }

  /** Delivers to {@code agent} everything transaction {@code txn} saw from the other agents. */
  private void deliverContext(int txn, int agent) {
    for (int other = 0; other < agents; other++) {
      if (other == agent) {
        continue;
      }
      int needed = context.newestKnown(txn, other);
      while (views[agent].newestApplied(other) < needed) {
        if (newestCommitted[other] >= needed) {
          deliverOne(agent);
        } else if (!uplink.get(other).isEmpty()) {
          processOne(other);
        } else {
          // The other agent's edit waits in its buffer until its in-flight one is confirmed.
          deliverOne(other);
        }
      }
    }
  }

  /** The transaction's patches as one operation on the agent's current document. */
  private void edit(int txn, int agent) {
    Operation operation = views[agent].applyOwn(txn);
    unsent.get(agent).add(txn);
    clients[agent].edit(operation);
    Operation edited = operation;
    debugCheck(
        agent,
        () -> "after txn " + txn + " " + trace.transactions().get(txn).patches() + " op " + edited);
  }

  /** The client sent an operation (new, or resent after a reconnect). */
  private void sent(int agent, Outgoing outgoing) {
    Map<Long, int[]> units = unitBySeq.get(agent);
    int[] txns = units.get(outgoing.clientSeq());
    if (txns == null) {
      txns = unsent.get(agent).stream().mapToInt(Integer::intValue).toArray();
      unsent.get(agent).clear();
      units.put(outgoing.clientSeq(), txns);
    }
    uplink.get(agent).add(new Sent(outgoing, txns, now));
  }

  /** The server takes the next submission from an agent's uplink. */
  private void processOne(int agent) {
    Sent sent = uplink.get(agent).poll();
    Outgoing out = sent.outgoing();
    SubmitResult result =
        log.submit(
            new Submission(
                out.clientId(),
                out.clientSeq(),
                out.baseRevision(),
                out.operation(),
                out.clientId(),
                sent.time()));
    switch (result) {
      case SubmitResult.Applied a -> {
        txnsByRevision.put(a.revision(), sent.txns());
        for (int txn : sent.txns()) {
          newestCommitted[agent] = Math.max(newestCommitted[agent], txn);
        }
        Delivery delivery =
            new Delivery(a.revision(), out.clientId(), out.clientSeq(), a.operation(), sent.txns());
        for (ArrayDeque<Delivery> queue : downlink) {
          queue.add(delivery);
        }
      }
      case SubmitResult.Duplicate d -> {}
      case SubmitResult.Rejected r ->
          throw new IllegalStateException(out.clientId() + " rejected: " + r.reason().message());
    }
  }

  /** The next committed revision reaches an agent. */
  private void deliverOne(int agent) {
    Delivery delivery = downlink.get(agent).poll();
    if (delivery == null) {
      throw new IllegalStateException("agent " + agent + " waits for nothing");
    }
    if (!delivery.clientId().equals(clients[agent].clientId())) {
      views[agent].applyReceived(delivery.txns());
    }
    SyncState before = clients[agent].state();
    clients[agent].onCommitted(
        delivery.revision(), delivery.clientId(), delivery.seq(), delivery.op());
    debugCheck(
        agent,
        () ->
            "after delivery of revision "
                + delivery.revision()
                + " txns "
                + Arrays.toString(delivery.txns())
                + " op "
                + delivery.op()
                + " state before "
                + before);
  }

  /**
   * With {@code -Draftpad.replay.debug=true}, checks after every step that the agent's document is
   * exactly the characters the harness believes it holds (slow: O(n) per step), and names the first
   * step where they part.
   */
  private void debugCheck(int agent, Supplier<String> when) {
    if (!debug) {
      return;
    }
    String predicted = views[agent].expectedText();
    String actual = clients[agent].document().text();
    if (!actual.equals(predicted)) {
      int k = 0;
      while (k < actual.length()
          && k < predicted.length()
          && actual.charAt(k) == predicted.charAt(k)) {
        k++;
      }
      throw new IllegalStateException(
          "agent "
              + agent
              + " "
              + when.get()
              + " at "
              + k
              + ": actual "
              + actual
                  .substring(Math.max(0, k - 30), Math.min(actual.length(), k + 30))
                  .replace("\n", "|")
              + " predicted "
              + predicted
                  .substring(Math.max(0, k - 30), Math.min(predicted.length(), k + 30))
                  .replace("\n", "|"));
    }
  }

  /** A reconnect: queued messages are lost, the client catches up from the log and resends. */
  private void reconnect(int agent) {
    uplink.get(agent).clear();
    downlink.get(agent).clear();
    SyncClient client = clients[agent];
    for (var revision : log.revisionsAfter(client.revision()).orElseThrow()) {
      downlink
          .get(agent)
          .add(
              new Delivery(
                  revision.number(),
                  revision.clientId(),
                  revision.clientSeq(),
                  revision.operation(),
                  txnsByRevision.get(revision.number())));
    }
    while (!downlink.get(agent).isEmpty()) {
      deliverOne(agent);
    }
    client.resend();
  }

  private void randomActivity() {
    int steps = random.nextInt(4);
    for (int s = 0; s < steps; s++) {
      int agent = random.nextInt(agents);
      int choice = random.nextInt(100);
      if (choice < 45 && !uplink.get(agent).isEmpty()) {
        processOne(agent);
      } else if (choice < 50 && !uplink.get(agent).isEmpty()) {
        // A duplicated message: the server must apply it once.
        uplink.get(agent).add(uplink.get(agent).peekLast());
      } else if (choice < 52) {
        reconnect(agent);
      } else if (!downlink.get(agent).isEmpty() && random.nextBoolean()) {
        deliverOne(agent);
      }
    }
  }

  private void drain() {
    boolean busy = true;
    while (busy) {
      busy = false;
      for (int agent = 0; agent < agents; agent++) {
        if (!uplink.get(agent).isEmpty()) {
          processOne(agent);
          busy = true;
        }
        if (!downlink.get(agent).isEmpty()) {
          deliverOne(agent);
          busy = true;
        }
      }
    }
  }
}
