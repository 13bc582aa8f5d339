package dev.raftpad.document.op;

/**
 * One step of an {@link Operation}: keep ({@link Retain}), add ({@link Insert}) or remove ({@link
 * Delete}) code points. Lengths count Unicode code points.
 */
public sealed interface Component permits Retain, Insert, Delete {
  /** How many code points this component spans (retain, delete) or adds (insert). */
  int length();
}
