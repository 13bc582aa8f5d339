package dev.raftpad.document.op;

/** How a line is aligned, carried by its line end. {@link #NONE} in a retain removes it. */
public enum Alignment {
  NONE,
  LEFT,
  CENTER,
  RIGHT,
  JUSTIFY
}
