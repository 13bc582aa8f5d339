package dev.raftpad.desktop.viewmodel;

import dev.raftpad.document.op.Delete;
import dev.raftpad.document.op.Insert;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Retain;
import dev.raftpad.document.text.Document;
import java.util.ArrayList;
import java.util.List;

/** A piece of a text diff: unchanged, inserted (only in the newer text) or deleted. */
public record DiffSegment(Kind kind, String text) {
  /** What happened to the piece. */
  public enum Kind {
    SAME,
    INSERTED,
    DELETED
  }

  /**
   * {@code from} and {@code to} interleaved: what stayed, what {@code to} added and what it
   * removed, in reading order. Formatting-only changes count as unchanged text.
   */
  public static List<DiffSegment> between(Document from, Document to) {
    return of(from, from.diffTo(to));
  }

  /** The pieces of {@code change} applied to {@code base}. */
  public static List<DiffSegment> of(Document base, Operation change) {
    List<DiffSegment> out = new ArrayList<>();
    int position = 0;
    for (var component : change.components()) {
      switch (component) {
        case Retain r -> {
          add(out, Kind.SAME, base.text(position, r.count()));
          position += r.count();
        }
        case Delete d -> {
          add(out, Kind.DELETED, base.text(position, d.count()));
          position += d.count();
        }
        case Insert i -> add(out, Kind.INSERTED, i.text());
      }
    }
    if (position < base.length()) {
      add(out, Kind.SAME, base.text(position, base.length() - position));
    }
    return out;
  }

  private static void add(List<DiffSegment> out, Kind kind, String text) {
    if (text.isEmpty()) {
      return;
    }
    if (!out.isEmpty() && out.getLast().kind() == kind) {
      out.set(out.size() - 1, new DiffSegment(kind, out.getLast().text() + text));
    } else {
      out.add(new DiffSegment(kind, text));
    }
  }
}
