package dev.raftpad.document.op;

/**
 * The list a line belongs to, carried by its line end. {@link #NONE} in a retain removes it. A
 * checklist item is {@link #UNCHECKED} or {@link #CHECKED}: ticking it is a retain over its line
 * end, so concurrent ticks converge like any other block change.
 */
public enum ListKind {
  NONE,
  BULLET,
  NUMBERED,
  UNCHECKED,
  CHECKED;

  /** Whether this is a checklist item, ticked or not. */
  public boolean isChecklist() {
    return this == UNCHECKED || this == CHECKED;
  }
}
