package dev.raftpad.raft.core;

/** The role of a node, for observers. A learner is a follower that does not vote. */
public enum RoleName {
  FOLLOWER,
  LEARNER,
  PRE_CANDIDATE,
  CANDIDATE,
  LEADER
}
