package dev.raftpad.desktop.view;

import dev.raftpad.document.op.Attributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The block format of every paragraph as the area shows it (list markers are drawn from it), kept
 * up to date line range by line range instead of being recomputed from the whole document.
 */
final class ShownLines {
  private final List<Attributes> lines = new ArrayList<>(List.of(Attributes.NONE));

  /** The formats, one per paragraph (read-only). */
  List<Attributes> formats() {
    return java.util.Collections.unmodifiableList(lines);
  }

  /**
   * Takes fresh formats of lines [first, first + fresh.size()) of a document that now has {@code
   * lineCount} lines; every line added or removed since the last update lies within that range.
   * Returns whether any format or the number of lines changed (the markers must then be redrawn: a
   * numbered list renumbers below a changed line).
   */
  boolean update(int first, List<Attributes> fresh, int lineCount) {
    int removedOrAdded = lineCount - lines.size();
    int oldLast = first + fresh.size() - 1 - removedOrAdded;
    if (first < 0 || oldLast < first - 1 || oldLast >= lines.size()) {
      throw new IllegalArgumentException(
          "lines " + first + "+" + fresh.size() + " of " + lineCount + " after " + lines.size());
    }
    List<Attributes> old = lines.subList(first, oldLast + 1);
    boolean changed = removedOrAdded != 0 || !old.equals(fresh);
    if (changed) {
      old.clear();
      old.addAll(fresh);
    }
    return changed;
  }

  /** Starts over with every line's format. */
  void reset(List<Attributes> all) {
    lines.clear();
    lines.addAll(all);
  }
}
