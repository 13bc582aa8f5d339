package dev.raftpad.raft.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of the replicated log. Immutable by contract: the data array is shared, never copied,
 * and must not be modified by anyone once the entry exists.
 */
public final class Entry {
  private static final byte[] EMPTY = new byte[0];

  private final long index;
  private final long term;
  private final EntryType type;
  private final byte[] data;

  public Entry(long index, long term, EntryType type, byte[] data) {
    if (index < 1 || term < 1) {
      throw new IllegalArgumentException("entry index and term start at 1: " + index + "/" + term);
    }
    this.index = index;
    this.term = term;
    this.type = Objects.requireNonNull(type);
    this.data = data == null ? EMPTY : data;
  }

  public static Entry noop(long index, long term) {
    return new Entry(index, term, EntryType.NOOP, EMPTY);
  }

  public long index() {
    return index;
  }

  public long term() {
    return term;
  }

  public EntryType type() {
    return type;
  }

  /** The payload; do not modify. */
  public byte[] data() {
    return data;
  }

  /** Bytes this entry weighs for flow control and batching. */
  public int size() {
    return data.length + 24;
  }

  /** The same entry at another term (used only by tests that forge conflicting logs). */
  public Entry withIndexAndTerm(long newIndex, long newTerm) {
    return new Entry(newIndex, newTerm, type, data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Entry e
        && e.index == index
        && e.term == term
        && e.type == type
        && Arrays.equals(e.data, data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, term, type, Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return index
        + "/"
        + term
        + (type == EntryType.COMMAND ? "" : " " + type)
        + " ("
        + data.length
        + "B)";
  }
}
