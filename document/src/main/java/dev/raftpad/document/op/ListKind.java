package dev.raftpad.document.op;

/** The list a line belongs to, carried by its line end. {@link #NONE} in a retain removes it. */
public enum ListKind {
  NONE,
  BULLET,
  NUMBERED
}
