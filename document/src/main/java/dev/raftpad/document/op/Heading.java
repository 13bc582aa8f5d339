package dev.raftpad.document.op;

/** A line's heading level, carried by its line end. {@link #NONE} in a retain removes it. */
public enum Heading {
  NONE,
  H1,
  H2,
  H3
}
