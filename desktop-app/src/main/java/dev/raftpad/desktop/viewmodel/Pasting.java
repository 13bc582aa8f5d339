package dev.raftpad.desktop.viewmodel;

import dev.raftpad.document.op.Insert;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.OperationBuilder;
import dev.raftpad.document.op.Selection;

/** Pasted content as one edit: it replaces the selection, formatting and all. */
public final class Pasting {
  private Pasting() {}

  /**
   * The edit putting {@code content} (an operation of inserts, e.g. from {@code HtmlImporter}) in
   * place of {@code selection}.
   */
  public static Operation at(Selection selection, Operation content) {
    int start = Math.min(selection.anchor(), selection.head());
    int end = Math.max(selection.anchor(), selection.head());
    OperationBuilder b = Operation.builder().retain(start);
    for (var component : content.components()) {
      if (!(component instanceof Insert insert)) {
        throw new IllegalArgumentException("pasted content is inserts only: " + component);
      }
      b.insert(insert.text(), insert.attributes());
    }
    return b.delete(end - start).build();
  }

  /** How many UTF-16 units {@code content} inserts (the text area moves its caret by them). */
  public static int utf16Length(Operation content) {
    int n = 0;
    for (var component : content.components()) {
      if (component instanceof Insert insert) {
        n += insert.text().length();
      }
    }
    return n;
  }
}
