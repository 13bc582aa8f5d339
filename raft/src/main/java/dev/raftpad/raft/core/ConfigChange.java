package dev.raftpad.raft.core;

/**
 * One membership change. Changes are applied one at a time and take effect when their entry is
 * appended to a log (not when committed), per the single-server change protocol (thesis §4.1).
 * {@code context} is opaque to Raft: the server puts the node's addresses there.
 */
public sealed interface ConfigChange {
  String nodeId();

  String context();

  /**
   * The first entry of a brand-new cluster's log: its initial voters. Every founding node writes
   * the same entry at index 1, term 1, so their logs agree from the start, and a node that joins
   * later learns the founding membership by replication like any other change.
   */
  record Bootstrap(java.util.Set<String> voters) implements ConfigChange {
    public Bootstrap {
      voters = java.util.Set.copyOf(voters);
    }

    @Override
    public String nodeId() {
      return "";
    }

    @Override
    public String context() {
      return "";
    }
  }

  /** Adds a node that receives the log but does not vote and is not counted in any quorum. */
  record AddLearner(String nodeId, String context) implements ConfigChange {}

  /** Turns a caught-up learner into a voter. */
  record PromoteToVoter(String nodeId, String context) implements ConfigChange {}

  /** Removes a voter or learner. */
  record RemoveNode(String nodeId, String context) implements ConfigChange {}

  /** The membership after applying this change to {@code current}. */
  default Membership applyTo(Membership current) {
    var voters = new java.util.TreeSet<>(current.voters());
    var learners = new java.util.TreeSet<>(current.learners());
    switch (this) {
      case Bootstrap bootstrap -> {
        return new Membership(bootstrap.voters(), java.util.Set.of());
      }
      case AddLearner add -> {
        if (!voters.contains(add.nodeId())) {
          learners.add(add.nodeId());
        }
      }
      case PromoteToVoter promote -> {
        learners.remove(promote.nodeId());
        voters.add(promote.nodeId());
      }
      case RemoveNode remove -> {
        voters.remove(remove.nodeId());
        learners.remove(remove.nodeId());
      }
    }
    return new Membership(voters, learners);
  }
}
