package dev.raftpad.raft.core;

import java.util.Set;
import java.util.TreeSet;

/**
 * A cluster configuration: who votes and who only learns. Node ids are stable ids kept in each
 * node's data dir, never addresses. Sets are sorted so that iteration (and thus everything derived
 * from it) is deterministic.
 */
public record Membership(Set<String> voters, Set<String> learners) {
  public static final Membership EMPTY = new Membership(Set.of(), Set.of());

  public Membership {
    voters = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(voters));
    learners = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(learners));
    for (String learner : learners) {
      if (voters.contains(learner)) {
        throw new IllegalArgumentException(learner + " is both voter and learner");
      }
    }
  }

  public static Membership ofVoters(String... ids) {
    return new Membership(Set.of(ids), Set.of());
  }

  public boolean isVoter(String id) {
    return voters.contains(id);
  }

  public boolean isLearner(String id) {
    return learners.contains(id);
  }

  public boolean contains(String id) {
    return isVoter(id) || isLearner(id);
  }

  /** Every member, voters first, each group sorted. */
  public Set<String> all() {
    Set<String> all = new java.util.LinkedHashSet<>(voters);
    all.addAll(learners);
    return all;
  }

  /** Votes needed for a majority of voters. */
  public int quorum() {
    return voters.size() / 2 + 1;
  }
}
