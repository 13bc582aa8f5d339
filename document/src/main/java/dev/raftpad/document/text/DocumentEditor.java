package dev.raftpad.document.text;

import dev.raftpad.document.op.Component;
import dev.raftpad.document.op.Delete;
import dev.raftpad.document.op.Insert;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Retain;

/**
 * A mutable head for a stream of edits, such as the server's log applying one operation per
 * revision. It gives the same results as {@link Document#apply}, but updates in place the nodes it
 * created since its last {@link #snapshot()} instead of copying their path, so a run of keystrokes
 * allocates little. {@link #snapshot()} hands out an immutable {@link Document} in O(1); nodes it
 * shares are never changed afterwards.
 *
 * <p>Not thread-safe: one owner applies operations.
 */
public final class DocumentEditor {
  private RopeNode root;
  private Object owner = new Object();

  /** An editor starting from {@code document}. */
  public DocumentEditor(Document document) {
    this.root = document.root();
  }

  /** The current length in code points. */
  public int length() {
    return root == null ? 0 : root.length();
  }

  /**
   * Applies {@code operation} to the current content.
   *
   * @throws IllegalArgumentException when the operation spans more than the current content
   */
  public void apply(Operation operation) {
    if (operation.baseLength() > length()) {
      throw new IllegalArgumentException(
          "operation spans "
              + operation.baseLength()
              + " code points, the document has "
              + length());
    }
    int position = 0;
    for (Component component : operation.components()) {
      switch (component) {
        case Retain retain -> {
          if (!retain.attributes().isEmpty()) {
            root = Rope.format(root, position, retain.count(), retain.attributes(), owner);
          }
          position += retain.count();
        }
        case Insert insert -> {
          root = Rope.insert(root, position, insert.text(), insert.attributes(), owner);
          position += insert.length();
        }
        case Delete delete -> root = Rope.delete(root, position, delete.count(), owner);
      }
    }
  }

  /** The current content as an immutable document; later edits do not affect it. */
  public Document snapshot() {
    owner = new Object(); // every node so far is now shared, so never changed again
    return Document.ofRoot(root);
  }
}
