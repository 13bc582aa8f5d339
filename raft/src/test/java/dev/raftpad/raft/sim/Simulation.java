package dev.raftpad.raft.sim;

import dev.raftpad.raft.core.ConfigChange;
import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.Message;
import dev.raftpad.raft.core.RaftConfig;
import dev.raftpad.raft.core.RaftNode;
import dev.raftpad.raft.runtime.NodeDriver;
import dev.raftpad.raft.runtime.RaftException;
import dev.raftpad.testkit.linearizability.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * A whole cluster in one thread under a virtual clock: real {@link NodeDriver}s and Raft cores,
 * simulated storage that loses unsynced writes on a crash, and a network that drops, delays,
 * duplicates and reorders messages and partitions nodes. Clients run reads, writes and
 * compare-and-sets on a key-value store and their history is recorded for the linearizability
 * checker. Everything random comes from one seed, so a failing run replays exactly.
 *
 * <p>Invariants are checked as the run goes (election safety, committed-entry agreement, state
 * machine safety, leader completeness) and at the end (every acknowledged write applied on every
 * live node, replicas identical).
 */
final class Simulation {
  /** What to simulate. */
  record Options(
      long seed,
      int nodes,
      int clients,
      int keys,
      long durationMillis,
      boolean faults,
      boolean membershipChanges,
      boolean unsafeLocalReads,
      long snapshotEvery) {

    static Options standard(long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      return new Options(
          seed, 3 + r.nextInt(5), 4, 3, 6_000, true, r.nextInt(3) == 0, false, 50 + r.nextInt(200));
    }
  }

  /** Thrown when an invariant breaks; its message says which and when. */
  static final class InvariantViolation extends AssertionError {
    private static final long serialVersionUID = 1L;

    InvariantViolation(String message) {
      super(message);
    }
  }

  private static final int TICK_MILLIS = 10;
  private static final long CLIENT_TIMEOUT_MILLIS = 1_500;

  private record Event(long time, long seq, Runnable action) {}

  private final Options options;
  private final SplittableRandom random;

  /**
   * Whether leaders write their appends in the background ({@code LeaderWrites}): half the seeds.
   */
  private final boolean leaderWritesInBackground;

  private final RaftConfig raftConfig = RaftConfig.defaults();
  private final PriorityQueue<Event> events =
      new PriorityQueue<>(
          (a, b) ->
              a.time() != b.time()
                  ? Long.compare(a.time(), b.time())
                  : Long.compare(a.seq(), b.seq()));
  private long now;
  private long seq;

  private final TreeMap<String, SimNode> nodes = new TreeMap<>();
  private final Set<String> groupA = new TreeSet<>(); // non-empty: a partition between A and rest
  private double dropRate;
  private double duplicateRate;
  private boolean faultsActive;
  private int nextNodeNumber;

  // Invariant bookkeeping.
  private final Map<Long, String> leaderOfTerm = new HashMap<>();
  private final TreeMap<Long, Long> committedTerms = new TreeMap<>();
  private final Map<Long, Long> commandAtIndex = new HashMap<>();
  private final Map<Long, Long> indexOfCommand = new HashMap<>();

  // Clients.
  private final List<Client> clients = new ArrayList<>();
  private final List<Operation<KvCommand, String>> history = new ArrayList<>();
  private final List<Long> acknowledgedWrites = new ArrayList<>();
  private long nextCommandId = 1;
  private boolean clientsActive = true;

  int leaderChanges;
  int crashes;

  /** Followers told that their connection to their leader broke (each may elect out of turn). */
  int leaderConnectionsLost;

  int membershipChangesDone;

  Simulation(Options options) {
    this.options = options;
    this.random = new SplittableRandom(options.seed());
    this.leaderWritesInBackground = random.nextBoolean();
  }

  private final class SimNode {
    final String id;
    final SimStorage storage = new SimStorage();
    NodeDriver<String> driver;
    KvStateMachine stateMachine;
    long checkedCommit;
    long lastLeaderTerm;
    String lastRole = "";
    int incarnation;
    boolean retired;
    final Membership bootstrap;

    SimNode(String id, Membership bootstrap) {
      this.id = id;
      this.bootstrap = bootstrap;
    }

    boolean up() {
      return driver != null;
    }

    void start() {
      incarnation++;
      stateMachine = new KvStateMachine((index, command) -> onApply(id, index, command));
      try {
        driver =
            NodeDriver.open(
                id,
                raftConfig,
                new SplittableRandom(options.seed() * 31 + id.hashCode() * 17L + incarnation),
                storage,
                message -> send(message),
                stateMachine,
                bootstrap,
                new NodeDriver.SnapshotPolicy(
                    options.snapshotEvery(), options.snapshotEvery() / 4));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // Snapshots are encoded and written a while after the capture, as the threaded runtime's
      // writer does, so installs, compactions and crashes land in between; a crash first means
      // the write never happened.
      driver.snapshotWriter(new NodeDriver.SnapshotWriter(later(), () -> process(this)));
      if (leaderWritesInBackground) {
        // A leader's appends are written and synced a while after the round that made them, as
        // the threaded runtime's log writer does, so acknowledgements, commits, elections and
        // crashes land in between; a crash first means the write never reached the disk.
        driver.logWriter(new NodeDriver.LogWriter(later(), () -> process(this)));
      }
      checkedCommit = 0;
      lastLeaderTerm = 0;
    }

    /**
     * Runs each task up to 150 ms of simulated time later, as a writer thread of this incarnation
     * would: not at all if the node crashed or restarted meanwhile.
     */
    java.util.concurrent.Executor later() {
      int writerIncarnation = incarnation;
      return work ->
          at(
              random.nextInt(150),
              () -> {
                if (up() && incarnation == writerIncarnation) {
                  work.run();
                }
              });
    }

    void crash() {
      trace(id + " crashes");
      driver.failAll("crashed");
      driver = null;
      stateMachine = null;
      storage.crash(random);
      // The operating system resets a dead process's connections: most peers notice at once.
      for (SimNode peer : nodes.values()) {
        if (peer != this && random.nextInt(4) != 0) {
          connectionLost(peer, id, 1 + random.nextInt(5));
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // Running.
  // ------------------------------------------------------------------------------------------

  /** Runs the simulation and returns the client history; throws on a broken invariant. */
  List<Operation<KvCommand, String>> run() {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= options.nodes(); i++) {
      ids.add("n" + i);
    }
    nextNodeNumber = options.nodes() + 1;
    Membership initial = new Membership(Set.copyOf(ids), Set.of());
    for (String id : ids) {
      SimNode node = new SimNode(id, initial);
      nodes.put(id, node);
      node.start();
    }
    for (int c = 0; c < options.clients(); c++) {
      Client client = new Client(c);
      clients.add(client);
      at(random.nextInt(50), client::issue);
    }
    scheduleTicks(0);
    faultsActive = options.faults();
    if (faultsActive) {
      at(200 + random.nextInt(300), this::injectFault);
    }
    if (options.membershipChanges()) {
      at(500 + random.nextInt(500), this::changeMembership);
    }
    runUntil(options.durationMillis());

    // Quiesce: heal everything, restart crashed nodes, stop new client calls, and let the
    // cluster settle so every live node applies everything.
    faultsActive = false;
    clientsActive = false;
    groupA.clear();
    dropRate = 0;
    duplicateRate = 0;
    nodes.values().stream().filter(n -> !n.up() && !n.retired).forEach(SimNode::start);
    runUntil(now + 5_000);
    checkFinalState();
    return List.copyOf(history);
  }

  private void runUntil(long end) {
    while (!events.isEmpty() && events.peek().time() <= end) {
      Event event = events.poll();
      now = event.time();
      event.action().run();
    }
    now = end;
  }

  private void at(long delay, Runnable action) {
    events.add(new Event(now + delay, seq++, action));
  }

  private void scheduleTicks(long delay) {
    at(
        delay,
        () -> {
          for (SimNode node : nodes.values()) {
            if (node.up()) {
              node.driver.tick();
              process(node);
            }
          }
          scheduleTicks(TICK_MILLIS);
        });
  }

  private void process(SimNode node) {
    if (!node.up()) {
      return;
    }
    try {
      node.driver.process();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (node.up()) {
      checkNode(node);
    }
  }

  // ------------------------------------------------------------------------------------------
  // The network.
  // ------------------------------------------------------------------------------------------

  private boolean partitioned(String a, String b) {
    return !groupA.isEmpty() && groupA.contains(a) != groupA.contains(b);
  }

  private void send(Message message) {
    SimNode sender = nodes.get(message.from());
    boolean snapshot = message instanceof Message.InstallSnapshot;
    if (partitioned(message.from(), message.to()) || random.nextDouble() < dropRate) {
      if (snapshot) {
        at(1, () -> reportSnapshot(sender, message.to(), false));
      }
      return;
    }
    deliverLater(message, 1 + random.nextInt(15), snapshot);
    if (!snapshot && random.nextDouble() < duplicateRate) {
      deliverLater(message, 1 + random.nextInt(40), false);
    }
  }

  private void deliverLater(Message message, long delay, boolean snapshot) {
    SimNode sender = nodes.get(message.from());
    int senderIncarnation = sender.incarnation;
    at(
        delay,
        () -> {
          SimNode target = nodes.get(message.to());
          boolean delivered =
              target != null && target.up() && !partitioned(message.from(), message.to());
          if (delivered) {
            if (message instanceof Message.VoteRequest
                || message instanceof Message.VoteResponse
                || message instanceof Message.TimeoutNow) {
              trace("deliver " + message);
            }
            target.driver.receive(message);
            process(target);
          }
          if (snapshot && sender.incarnation == senderIncarnation) {
            reportSnapshot(sender, message.to(), delivered);
          }
        });
  }

  /** Tells {@code node}, after {@code delay}, that its connection to {@code peer} broke. */
  private void connectionLost(SimNode node, String peer, long delay) {
    int incarnation = node.incarnation;
    at(
        delay,
        () -> {
          if (node.up() && node.incarnation == incarnation) {
            trace(node.id + " lost its connection to " + peer);
            if (peer.equals(node.driver.node().leaderId())) {
              leaderConnectionsLost++;
            }
            node.driver.reportConnectionLost(peer);
            process(node);
          }
        });
  }

  private void reportSnapshot(SimNode sender, String peer, boolean delivered) {
    if (sender.up()) {
      sender.driver.reportSnapshot(peer, delivered);
      process(sender);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Faults and membership changes.
  // ------------------------------------------------------------------------------------------

  private void injectFault() {
    if (!faultsActive) {
      return;
    }
    List<SimNode> live = nodes.values().stream().filter(n -> !n.retired).toList();
    switch (random.nextInt(7)) {
      case 0, 1 -> { // partition
        groupA.clear();
        int size = 1 + random.nextInt(Math.max(1, live.size() - 1));
        List<SimNode> shuffled = new ArrayList<>(live);
        for (int i = 0; i < size; i++) {
          groupA.add(shuffled.remove(random.nextInt(shuffled.size())).id);
        }
        // Some partitions reset connections (a router restarts), most just go silent.
        if (random.nextBoolean()) {
          for (SimNode a : live) {
            for (SimNode b : live) {
              if (partitioned(a.id, b.id)) {
                connectionLost(a, b.id, 1 + random.nextInt(5));
              }
            }
          }
        }
        at(100 + random.nextInt(900), groupA::clear);
      }
      case 6 -> { // one follower's connection to a live leader breaks, and only that
        live.stream()
            .filter(n -> n.up() && n.driver.node().isLeader())
            .findFirst()
            .ifPresent(
                leader -> {
                  List<SimNode> followers =
                      live.stream().filter(n -> n.up() && n != leader).toList();
                  if (!followers.isEmpty()) {
                    SimNode follower = followers.get(random.nextInt(followers.size()));
                    connectionLost(follower, leader.id, 0);
                  }
                });
      }
      case 2 -> { // crash and later restart
        List<SimNode> up = live.stream().filter(SimNode::up).toList();
        if (!up.isEmpty()) {
          SimNode victim = up.get(random.nextInt(up.size()));
          victim.crash();
          crashes++;
          at(
              50 + random.nextInt(800),
              () -> {
                if (!victim.up() && !victim.retired) {
                  victim.start();
                  process(victim);
                }
              });
        }
      }
      case 3 -> { // crash the leader
        live.stream()
            .filter(n -> n.up() && n.driver.node().isLeader())
            .findFirst()
            .ifPresent(
                leader -> {
                  leader.crash();
                  crashes++;
                  at(
                      100 + random.nextInt(500),
                      () -> {
                        if (!leader.up() && !leader.retired) {
                          leader.start();
                          process(leader);
                        }
                      });
                });
      }
      case 4 -> { // a lossy, duplicating network for a while
        dropRate = random.nextDouble() * 0.3;
        duplicateRate = random.nextDouble() * 0.2;
        at(
            200 + random.nextInt(800),
            () -> {
              dropRate = 0;
              duplicateRate = 0;
            });
      }
      default -> { // transfer leadership to a random voter
        live.stream()
            .filter(n -> n.up() && n.driver.node().isLeader())
            .findFirst()
            .ifPresent(
                leader -> {
                  List<String> voters = new ArrayList<>(leader.driver.node().membership().voters());
                  leader.driver.transferLeadership(voters.get(random.nextInt(voters.size())));
                  process(leader);
                });
      }
    }
    at(100 + random.nextInt(400), this::injectFault);
  }

  private void changeMembership() {
    if (!clientsActive) {
      return; // the run is quiescing
    }
    SimNode leader =
        nodes.values().stream()
            .filter(n -> n.up() && n.driver.node().isLeader())
            .findFirst()
            .orElse(null);
    if (leader != null) {
      Membership membership = leader.driver.node().membership();
      if (!membership.learners().isEmpty()) {
        String learner = membership.learners().iterator().next();
        // Refusals (not caught up yet, a change in progress) are expected; we retry later.
        var unused = leader.driver.changeMembership(new ConfigChange.PromoteToVoter(learner, ""));
      } else if (membership.voters().size() > 3 && random.nextBoolean()) {
        List<String> removable =
            membership.voters().stream().filter(v -> !v.equals(leader.id)).toList();
        String victim = removable.get(random.nextInt(removable.size()));
        CompletableFuture<Void> removal =
            leader.driver.changeMembership(new ConfigChange.RemoveNode(victim, ""));
        var unused = removal.thenRun(() -> at(0, () -> retire(victim)));
      } else if (membership.voters().size() < 6) {
        String id = "n" + nextNodeNumber++;
        SimNode joiner = new SimNode(id, Membership.EMPTY);
        nodes.put(id, joiner);
        joiner.start();
        var unused = leader.driver.changeMembership(new ConfigChange.AddLearner(id, ""));
        membershipChangesDone++;
      }
      process(leader);
    }
    at(300 + random.nextInt(700), this::changeMembership);
  }

  private void retire(String id) {
    SimNode node = nodes.get(id);
    membershipChangesDone++;
    if (node != null && !node.retired) {
      node.retired = true;
      if (node.up()) {
        node.crash();
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // Clients.
  // ------------------------------------------------------------------------------------------

  private final class Client {
    final int id;
    String preferred;
    long opSerial;
    final Map<String, String> lastSeen = new HashMap<>();

    Client(int id) {
      this.id = id;
    }

    void issue() {
      if (!clientsActive) {
        return;
      }
      List<SimNode> up = nodes.values().stream().filter(n -> n.up() && !n.retired).toList();
      if (up.isEmpty()) {
        at(20, this::issue);
        return;
      }
      SimNode target =
          preferred != null && nodes.containsKey(preferred) && nodes.get(preferred).up()
              ? nodes.get(preferred)
              : up.get(random.nextInt(up.size()));
      String key = "k" + random.nextInt(options.keys());
      long commandId = nextCommandId++;
      KvCommand command =
          switch (random.nextInt(5)) {
            case 0, 1 -> KvCommand.read(key, commandId);
            case 2, 3 -> KvCommand.write(key, "c" + id + "-" + commandId, commandId);
            default ->
                KvCommand.cas(
                    key, lastSeen.getOrDefault(key, ""), "c" + id + "-" + commandId, commandId);
          };
      long serial = ++opSerial;
      long callTime = now;
      CompletableFuture<String> future;
      if (command.kind() == KvCommand.Kind.READ) {
        KvStateMachine stateMachine = target.stateMachine;
        future =
            options.unsafeLocalReads()
                ? CompletableFuture.completedFuture(stateMachine.get(key))
                : target.driver.read(() -> stateMachine.get(key));
      } else {
        // Half the writes go through whichever node the client reached (proposal forwarding).
        future =
            random.nextBoolean()
                ? target.driver.propose(command.encode())
                : target.driver.proposeFromAnyNode(command.encode());
      }
      var unused =
          future.whenComplete(
              (result, error) -> {
                if (serial == opSerial) {
                  at(0, () -> completed(serial, command, callTime, result, error));
                }
              });
      at(
          CLIENT_TIMEOUT_MILLIS,
          () -> {
            if (serial == opSerial) {
              opSerial++; // stop waiting for it
              history.add(Operation.unknown(id, command, callTime));
              preferred = null;
              at(random.nextInt(20), this::issue);
            }
          });
      process(target);
    }

    void completed(long serial, KvCommand command, long callTime, String result, Throwable error) {
      if (serial != opSerial) {
        return;
      }
      opSerial++;
      if (error == null) {
        history.add(new Operation<>(id, command, result, callTime, now));
        if (command.kind() == KvCommand.Kind.READ) {
          lastSeen.put(command.key(), result);
        } else {
          acknowledgedWrites.add(command.id());
          if (command.kind() == KvCommand.Kind.WRITE || "true".equals(result)) {
            lastSeen.put(command.key(), command.value());
          }
        }
        at(random.nextInt(10), this::issue);
        return;
      }
      Throwable cause =
          error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
      if (cause instanceof RaftException raft && raft.definitelyNotApplied()) {
        preferred = raft.leaderHint();
      } else {
        history.add(Operation.unknown(id, command, callTime));
        preferred = null;
      }
      at(5 + random.nextInt(20), this::issue);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Invariants.
  // ------------------------------------------------------------------------------------------

  private final java.util.ArrayDeque<String> trace = new java.util.ArrayDeque<>();

  private void trace(String line) {
    trace.addLast(now + " " + line);
    if (trace.size() > 60) {
      trace.removeFirst();
    }
  }

  private void violation(String what) {
    throw new InvariantViolation(
        "at " + now + " ms: " + what + "\nrecent events:\n  " + String.join("\n  ", trace));
  }

  private void onApply(String nodeId, long index, KvCommand command) {
    Long previous = commandAtIndex.putIfAbsent(index, command.id());
    if (previous != null && previous != command.id()) {
      violation(
          "state machine safety: "
              + nodeId
              + " applied command "
              + command.id()
              + " at "
              + index
              + " where another node applied "
              + previous);
    }
    Long where = indexOfCommand.putIfAbsent(command.id(), index);
    if (where != null && where != index) {
      violation("command " + command.id() + " applied at both " + where + " and " + index);
    }
  }

  private void checkNode(SimNode simNode) {
    RaftNode node = simNode.driver.node();
    String role = node.status().role() + "@" + node.term();
    if (!role.equals(simNode.lastRole)) {
      trace(simNode.id + " -> " + role + " vote=" + node.status());
      simNode.lastRole = role;
    }
    if (node.isLeader() && simNode.lastLeaderTerm != node.term()) {
      simNode.lastLeaderTerm = node.term();
      String other = leaderOfTerm.putIfAbsent(node.term(), simNode.id);
      if (other != null && !other.equals(simNode.id)) {
        violation("election safety: " + other + " and " + simNode.id + " lead term " + node.term());
      }
      leaderChanges++;
      checkLeaderCompleteness(simNode.id, node);
    }
    long commit = node.commitIndex();
    for (long i = Math.max(simNode.checkedCommit + 1, 1); i <= commit; i++) {
      long term = node.termAt(i);
      if (term == -1) {
        continue; // compacted: it was checked when it was committed
      }
      Long agreed = committedTerms.putIfAbsent(i, term);
      if (agreed != null && agreed != term) {
        violation(
            "log matching: "
                + simNode.id
                + " committed index "
                + i
                + " in term "
                + term
                + " but it was committed in term "
                + agreed);
      }
    }
    simNode.checkedCommit = Math.max(simNode.checkedCommit, commit);
  }

  private void checkLeaderCompleteness(String id, RaftNode leader) {
    if (committedTerms.isEmpty()) {
      return;
    }
    long highest = committedTerms.lastKey();
    if (leader.lastIndex() < highest) {
      violation("leader completeness: " + id + " leads without committed index " + highest);
    }
    for (var e : committedTerms.tailMap(leader.status().snapshotIndex(), false).entrySet()) {
      long term = leader.termAt(e.getKey());
      if (term != -1 && term != e.getValue()) {
        violation(
            "leader completeness: "
                + id
                + " has term "
                + term
                + " at committed index "
                + e.getKey()
                + " (committed in term "
                + e.getValue()
                + ")");
      }
    }
  }

  private void checkFinalState() {
    List<SimNode> live = nodes.values().stream().filter(n -> n.up() && !n.retired).toList();
    SimNode leader = live.stream().filter(n -> n.driver.node().isLeader()).findFirst().orElse(null);
    if (leader == null) {
      violation("liveness: no leader after the network healed");
    }
    Membership members = leader.driver.node().membership();
    long commit = leader.driver.node().commitIndex();
    Map<String, String> expected = leader.stateMachine.contents();
    for (SimNode node : live) {
      if (!members.contains(node.id)) {
        continue;
      }
      if (node.driver.appliedIndex() < commit) {
        violation(node.id + " applied only " + node.driver.appliedIndex() + " of " + commit);
      }
      if (!node.stateMachine.contents().equals(expected)) {
        violation(
            "replicas differ: " + node.id + " " + node.stateMachine.contents() + " vs " + expected);
      }
    }
    for (long commandId : acknowledgedWrites) {
      Long index = indexOfCommand.get(commandId);
      if (index == null) {
        violation("acknowledged command " + commandId + " was never applied");
      }
      if (index > commit) {
        violation("acknowledged command " + commandId + " applied beyond the commit index");
      }
    }
  }

  /** One line of figures about the run, for the test log. */
  String summary() {
    return String.format(
        "seed=%d nodes=%d ops=%d acked=%d leaders=%d crashes=%d membershipChanges=%d",
        options.seed(),
        options.nodes(),
        history.size(),
        acknowledgedWrites.size(),
        leaderChanges,
        crashes,
        membershipChangesDone);
  }
}
