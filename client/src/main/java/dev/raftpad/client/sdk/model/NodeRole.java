package dev.raftpad.client.sdk.model;

/** A member's role as the answering node last knew it. */
public enum NodeRole {
  LEADER,
  FOLLOWER,
  CANDIDATE,
  PRE_CANDIDATE,
  LEARNER,
  UNKNOWN
}
