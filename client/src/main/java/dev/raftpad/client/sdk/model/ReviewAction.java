package dev.raftpad.client.sdk.model;

/** What happened to a comment thread. */
public enum ReviewAction {
  STARTED,
  REPLIED,
  EDITED,
  DELETED,
  RESOLVED,
  REOPENED,
  /** A resumed subscription's catch-up: the thread as it is now. */
  SYNC,
  UNKNOWN
}
