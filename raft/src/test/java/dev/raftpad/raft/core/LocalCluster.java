package dev.raftpad.raft.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * A synchronous in-memory cluster for rule-by-rule tests (etcd's raft_test network): messages are
 * delivered at once, in order, until none is left, and Ready is acted on immediately (persisting
 * means nothing here; the simulation tests cover storage). Links can be cut and nodes isolated.
 */
final class LocalCluster {
  final Map<String, RaftNode> nodes = new LinkedHashMap<>();
  final Map<String, List<Entry>> applied = new LinkedHashMap<>();
  final Map<String, List<ReadState>> reads = new LinkedHashMap<>();
  final Map<String, List<ProposalOutcome>> outcomes = new LinkedHashMap<>();
  private final Set<String> cut = new HashSet<>();
  private final List<Message> delivered = new ArrayList<>();
  private Predicate<Message> dropIf = m -> false;

  static LocalCluster of(RaftConfig config, String... ids) {
    LocalCluster cluster = new LocalCluster();
    Membership membership = Membership.ofVoters(ids);
    long seed = 1;
    for (String id : ids) {
      cluster.add(RaftNode.bootstrap(id, config, new SplittableRandom(seed++), membership));
    }
    return cluster;
  }

  /** Plain Raft: no pre-vote, no check-quorum, as in the paper. */
  static RaftConfig paperConfig() {
    return RaftConfig.defaults().withPreVote(false).withCheckQuorum(false);
  }

  void add(RaftNode node) {
    nodes.put(node.id(), node);
    applied.putIfAbsent(node.id(), new ArrayList<>());
    reads.putIfAbsent(node.id(), new ArrayList<>());
    outcomes.putIfAbsent(node.id(), new ArrayList<>());
  }

  RaftNode node(String id) {
    return nodes.get(id);
  }

  void isolate(String id) {
    for (String other : nodes.keySet()) {
      if (!other.equals(id)) {
        cutLink(id, other);
      }
    }
  }

  void cutLink(String a, String b) {
    cut.add(a + ">" + b);
    cut.add(b + ">" + a);
  }

  void heal() {
    cut.clear();
    dropIf = m -> false;
  }

  void dropWhen(Predicate<Message> predicate) {
    dropIf = predicate;
  }

  /** Messages delivered since the last call. */
  List<Message> takeDelivered() {
    List<Message> copy = List.copyOf(delivered);
    delivered.clear();
    return copy;
  }

  /** Lets every node act on its Ready and delivers messages until the cluster is quiet. */
  void stabilize() {
    ArrayDeque<Message> queue = new ArrayDeque<>();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (RaftNode node : nodes.values()) {
        while (node.hasReady()) {
          progress = true;
          Ready ready = node.ready();
          applied.get(node.id()).addAll(ready.committed());
          reads.get(node.id()).addAll(ready.readStates());
          outcomes.get(node.id()).addAll(ready.proposalOutcomes());
          queue.addAll(ready.messages());
          node.advance(ready);
        }
      }
      while (!queue.isEmpty()) {
        progress = true;
        Message m = queue.poll();
        if (cut.contains(m.from() + ">" + m.to()) || dropIf.test(m) || !nodes.containsKey(m.to())) {
          continue;
        }
        delivered.add(m);
        RaftNode target = nodes.get(m.to());
        target.step(m);
        while (target.hasReady()) {
          Ready ready = target.ready();
          applied.get(target.id()).addAll(ready.committed());
          reads.get(target.id()).addAll(ready.readStates());
          outcomes.get(target.id()).addAll(ready.proposalOutcomes());
          queue.addAll(ready.messages());
          target.advance(ready);
        }
      }
    }
  }

  void tick(String id, int times) {
    for (int i = 0; i < times; i++) {
      nodes.get(id).tick();
    }
    stabilize();
  }

  void tickAll(int times) {
    for (int i = 0; i < times; i++) {
      nodes.values().forEach(RaftNode::tick);
      stabilize();
    }
  }

  void elect(String id) {
    nodes.get(id).campaign();
    stabilize();
    if (!nodes.get(id).isLeader()) {
      throw new AssertionError(id + " did not win the election: " + nodes.get(id).status());
    }
  }

  void propose(String id, String data) {
    Proposal proposal =
        nodes.get(id).propose(data.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (!(proposal instanceof Proposal.Accepted)) {
      throw new AssertionError("proposal refused: " + proposal);
    }
    stabilize();
  }

  List<String> appliedCommands(String id) {
    return applied.get(id).stream()
        .filter(e -> e.type() == EntryType.COMMAND)
        .map(e -> new String(e.data(), java.nio.charset.StandardCharsets.UTF_8))
        .toList();
  }
}
