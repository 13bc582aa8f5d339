package dev.raftpad.desktop.viewmodel;

import dev.raftpad.document.op.Delete;
import dev.raftpad.document.op.Insert;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Retain;
import dev.raftpad.document.text.Document;
import java.util.ArrayList;
import java.util.List;

/**
 * A piece of a text diff: unchanged, inserted (only in the newer text), deleted, or unchanged text
 * left out of the view ({@link #condensed}).
 */
public record DiffSegment(Kind kind, String text) {
  /** What happened to the piece. */
  public enum Kind {
    SAME,
    INSERTED,
    DELETED,
    /** Unchanged text left out; {@code text} says how much. */
    OMITTED
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

  /**
   * {@code segments} with each long unchanged stretch cut to its first and last {@code context}
   * characters around an {@link Kind#OMITTED} marker (at the start and the end of the text, only
   * the side next to a change stays; a text with no change keeps its first {@code context}): a
   * version of a long document differs in a few places, and the history panel shows the changes,
   * not the whole text again.
   */
  public static List<DiffSegment> condensed(List<DiffSegment> segments, int context) {
    List<DiffSegment> out = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      DiffSegment segment = segments.get(i);
      String text = segment.text();
      // A text with no change at all keeps its beginning.
      int keepBefore = i == 0 && segments.size() > 1 ? 0 : context;
      int keepAfter = i == segments.size() - 1 ? 0 : context;
      if (segment.kind() != Kind.SAME || text.length() <= keepBefore + keepAfter + MIN_OMITTED) {
        out.add(segment);
        continue;
      }
      // Cut at line starts where there are any, so the context shows whole lines.
      int lineEnd = keepBefore == 0 ? -1 : text.lastIndexOf('\n', keepBefore - 1);
      int head = lineEnd >= 0 ? lineEnd + 1 : boundary(text, keepBefore);
      int lineStart = text.lastIndexOf('\n', text.length() - keepAfter - 1);
      int tail = lineStart >= head ? lineStart + 1 : boundary(text, text.length() - keepAfter);
      if (tail - head < MIN_OMITTED) {
        out.add(segment);
        continue;
      }
      if (head > 0) {
        out.add(new DiffSegment(Kind.SAME, text.substring(0, head)));
      }
      out.add(
          new DiffSegment(
              Kind.OMITTED,
              String.format(
                  java.util.Locale.ROOT,
                  " ⋯ %,d unchanged characters ⋯ %s",
                  text.codePointCount(head, tail),
                  tail > 0 && text.charAt(tail - 1) == '\n' ? "\n" : "")));
      if (tail < text.length()) {
        out.add(new DiffSegment(Kind.SAME, text.substring(tail)));
      }
    }
    return out;
  }

  /** Below this many characters an unchanged stretch is shown whole: a marker would not pay. */
  private static final int MIN_OMITTED = 80;

  /** {@code index}, moved off the second half of a surrogate pair. */
  private static int boundary(String text, int index) {
    return index > 0 && index < text.length() && Character.isLowSurrogate(text.charAt(index))
        ? index + 1
        : index;
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
