package dev.raftpad.document.review;

/** What an editor does with a suggestion. */
public enum Decision {
  /** The proposed insertion becomes ordinary text; the proposed deletion happens. */
  ACCEPT,
  /** The proposed insertion disappears; the text proposed for deletion stays, unmarked. */
  REJECT
}
