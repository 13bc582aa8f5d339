package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.Highlight;
import dev.raftpad.document.op.Delete;
import dev.raftpad.document.op.Insert;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Retain;
import dev.raftpad.document.text.Document;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The code points [from, to) of the document whose look the area has not caught up with yet: what
 * operations inserted, reformatted or deleted at. Only the lines around it are restyled, so a
 * keystroke in a large document costs a line, not the document.
 */
record DirtyRange(int from, int to) {
  DirtyRange {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("range " + from + ".." + to);
    }
  }

  /** The whole of {@code document}. */
  static DirtyRange all(Document document) {
    return new DirtyRange(0, document.length());
  }

  /**
   * Where {@code operation} changed the text or its formatting, in the document after it: inserts
   * and reformatting retains, and the points where it deleted. Plain retains are skipped. Empty
   * when it changed nothing.
   */
  static Optional<DirtyRange> touchedBy(Operation operation) {
    int position = 0;
    int from = Integer.MAX_VALUE;
    int to = -1;
    for (var component : operation.components()) {
      switch (component) {
        case Retain r -> {
          if (!r.attributes().isEmpty()) {
            from = Math.min(from, position);
            to = Math.max(to, position + r.count());
          }
          position += r.count();
        }
        case Insert i -> {
          from = Math.min(from, position);
          to = Math.max(to, position + i.length());
          position += i.length();
        }
        case Delete d -> {
          from = Math.min(from, position);
          to = Math.max(to, position);
        }
      }
    }
    return to < 0 ? Optional.empty() : Optional.of(new DirtyRange(from, to));
  }

  /**
   * Where the comment highlights differ ({@code was} moved along with the text since it was drawn):
   * the span of every highlight in one list and not the other. Empty when they agree.
   */
  static Optional<DirtyRange> changedHighlights(List<Highlight> was, List<Highlight> now) {
    if (was.equals(now)) {
      return Optional.empty();
    }
    Set<Highlight> before = new HashSet<>(was);
    Set<Highlight> after = new HashSet<>(now);
    DirtyRange range = null;
    for (Highlight h : was) {
      if (!after.contains(h)) {
        range = range == null ? of(h) : range.union(of(h));
      }
    }
    for (Highlight h : now) {
      if (!before.contains(h)) {
        range = range == null ? of(h) : range.union(of(h));
      }
    }
    return Optional.ofNullable(range);
  }

  private static DirtyRange of(Highlight h) {
    int start = Math.max(0, h.start());
    return new DirtyRange(start, Math.max(start, h.end()));
  }

  /** Both ranges and everything between them. */
  DirtyRange union(DirtyRange other) {
    return new DirtyRange(Math.min(from, other.from), Math.max(to, other.to));
  }

  /** This range where it is after {@code operation} (it grows over text inserted inside it). */
  DirtyRange through(Operation operation) {
    int start = operation.transformPosition(from, true);
    return new DirtyRange(start, Math.max(start, operation.transformPosition(to, false)));
  }

  /**
   * This range after {@code removed} code points at {@code position} were replaced by {@code
   * inserted} others (typing), united with the replacement.
   */
  DirtyRange throughReplace(int position, int removed, int inserted) {
    int shift = inserted - removed;
    int start = from < position ? from : from >= position + removed ? from + shift : position;
    int end = to < position ? to : to >= position + removed ? to + shift : position + inserted;
    return new DirtyRange(start, Math.max(start, end)).union(replaced(position, inserted));
  }

  /** The text that replaced others at {@code position}. */
  static DirtyRange replaced(int position, int inserted) {
    return new DirtyRange(position, position + inserted);
  }

  /** The first line of {@code document} the range touches. */
  int firstLine(Document document) {
    return document.lineOf(Math.min(from, document.length()));
  }

  /**
   * The last line of {@code document} the range touches, counting its end: text deleted at {@code
   * to} joined the line {@code to} is on, even when the range ends with a line end.
   */
  int lastLine(Document document) {
    return document.lineOf(Math.min(to, document.length()));
  }
}
