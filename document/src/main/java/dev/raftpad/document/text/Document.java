package dev.raftpad.document.text;

import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Component;
import dev.raftpad.document.op.Delete;
import dev.raftpad.document.op.Insert;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.OperationBuilder;
import dev.raftpad.document.op.Retain;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of a rich-text document at one revision: text with inline formatting, and block
 * formatting on line ends. Immutable and persistent: {@link #apply} returns a new document in O(log
 * n) per component that shares everything untouched with this one.
 *
 * <p>Also home to the two parts of the algebra that need the content: {@link #inverseOf} (undo) and
 * {@link #diffTo} (restore, AI suggestions).
 */
public final class Document {
  private static final Document EMPTY = new Document(Rope.EMPTY);

  private final Rope rope;

  private Document(Rope rope) {
    this.rope = rope;
  }

  /** The empty document. */
  public static Document empty() {
    return EMPTY;
  }

  /** A document of plain text. */
  public static Document of(String text) {
    return new Document(Rope.EMPTY.insert(0, text, Attributes.NONE));
  }

  /**
   * The document whose content is {@code content}, an operation of inserts only (the form {@link
   * #asOperation()} gives, for snapshots).
   */
  public static Document fromContent(Operation content) {
    return EMPTY.apply(content);
  }

  /** A document over an existing rope tree (nodes that will not change again). */
  static Document ofRoot(RopeNode root) {
    return root == null ? EMPTY : new Document(new Rope(root));
  }

  /** The rope tree, for a {@link DocumentEditor} to continue from. */
  RopeNode root() {
    return rope.root();
  }

  /** The length in code points. */
  public int length() {
    return rope.length();
  }

  /** The length in UTF-16 units (a Java string's length of {@link #text()}), in O(1). */
  public int utf16Length() {
    return rope.root() == null ? 0 : rope.root().utf16Length();
  }

  /**
   * The UTF-16 offset in {@link #text()} of a code-point position, in O(log n) (the text is not
   * built).
   *
   * @throws IndexOutOfBoundsException when the position lies outside the text
   */
  public int toUtf16(int position) {
    Rope.checkRange(rope.root(), position, 0);
    return RopeIndex.toUtf16(rope.root(), position);
  }

  /**
   * The code-point position of a UTF-16 offset in {@link #text()}, in O(log n); an offset inside a
   * surrogate pair is rounded down to the start of that character.
   *
   * @throws IndexOutOfBoundsException when the offset lies outside the text
   */
  public int toCodePoints(int utf16Offset) {
    if (utf16Offset < 0 || utf16Offset > utf16Length()) {
      throw new IndexOutOfBoundsException(
          "offset " + utf16Offset + " outside a text of " + utf16Length() + " UTF-16 units");
    }
    return RopeIndex.toCodePoints(rope.root(), utf16Offset);
  }

  /** How many lines the text has: one more than its line ends. */
  public int lineCount() {
    return (rope.root() == null ? 0 : rope.root().lineEnds()) + 1;
  }

  /** The line (from 0) that code-point {@code position} is on, in O(log n). */
  public int lineOf(int position) {
    Rope.checkRange(rope.root(), position, 0);
    return RopeIndex.lineEndsBefore(rope.root(), position);
  }

  /** The code-point position where line {@code line} (from 0) starts, in O(log n). */
  public int lineStart(int line) {
    if (line < 0 || line >= lineCount()) {
      throw new IndexOutOfBoundsException("line " + line + " of " + lineCount());
    }
    return line == 0 ? 0 : RopeIndex.lineEnd(rope.root(), line) + 1;
  }

  /**
   * The block formatting of line {@code line}: the attributes of its line end ({@link
   * Attributes#NONE} for the last line, which has none), in O(log n).
   */
  public Attributes lineFormat(int line) {
    if (line < 0 || line >= lineCount()) {
      throw new IndexOutOfBoundsException("line " + line + " of " + lineCount());
    }
    return line == lineCount() - 1
        ? Attributes.NONE
        : RopeIndex.attributesAt(rope.root(), RopeIndex.lineEnd(rope.root(), line + 1));
  }

  /** The plain text, without formatting. */
  public String text() {
    StringBuilder text = new StringBuilder(length());
    rope.forEachRun(0, length(), (piece, length, attributes) -> text.append(piece));
    return text.toString();
  }

  /** The text in [position, position + count) code points. */
  public String text(int position, int count) {
    StringBuilder text = new StringBuilder(count);
    rope.forEachRun(position, count, (piece, length, attributes) -> text.append(piece));
    return text.toString();
  }

  /** The formatted runs, in order; neighbouring runs may share a formatting. */
  public List<Run> runs() {
    List<Run> runs = new ArrayList<>();
    rope.forEachRun(
        0, length(), (piece, length, attributes) -> runs.add(new Run(piece, attributes)));
    return runs;
  }

  /** The formatted runs covering [position, position + count), cut at both ends. */
  public List<Run> runs(int position, int count) {
    List<Run> runs = new ArrayList<>();
    rope.forEachRun(
        position, count, (piece, length, attributes) -> runs.add(new Run(piece, attributes)));
    return runs;
  }

  /**
   * The content as an operation of inserts only, in canonical form: a compact, deterministic
   * structural form for snapshots and for comparing documents.
   */
  public Operation asOperation() {
    OperationBuilder builder = Operation.builder();
    rope.forEachRun(0, length(), (piece, length, attributes) -> builder.insert(piece, attributes));
    return builder.build();
  }

  /**
   * This document changed by {@code operation}.
   *
   * @throws IllegalArgumentException when the operation spans more than this document; callers
   *     taking operations from outside check {@link Operation#baseLength()} first
   */
  public Document apply(Operation operation) {
    if (operation.baseLength() > length()) {
      throw new IllegalArgumentException(
          "operation spans "
              + operation.baseLength()
              + " code points, the document has "
              + length());
    }
    Rope result = rope;
    int position = 0;
    for (Component component : operation.components()) {
      switch (component) {
        case Retain retain -> {
          result = result.format(position, retain.count(), retain.attributes());
          position += retain.count();
        }
        case Insert insert -> {
          result = result.insert(position, insert.text(), insert.attributes());
          position += insert.length();
        }
        case Delete delete -> result = result.delete(position, delete.count());
      }
    }
    return new Document(result);
  }

  /**
   * The operation that undoes {@code operation} when applied after it, {@code operation} being made
   * against this document (Quill's {@code invert}). Deleted text comes back with its formatting;
   * formatting changes go back to what this document had.
   */
  public Operation inverseOf(Operation operation) {
    OperationBuilder inverse = Operation.builder();
    int position = 0;
    for (Component component : operation.components()) {
      switch (component) {
        case Insert insert -> inverse.delete(insert.length());
        case Retain retain when retain.attributes().isEmpty() -> {
          inverse.retain(retain.count());
          position += retain.count();
        }
        case Retain retain -> {
          rope.forEachRun(
              position,
              retain.count(),
              (piece, length, attributes) ->
                  inverse.retain(length, Attributes.invert(retain.attributes(), attributes)));
          position += retain.count();
        }
        case Delete delete -> {
          rope.forEachRun(
              position,
              delete.count(),
              (piece, length, attributes) -> inverse.insert(piece, attributes));
          position += delete.count();
        }
      }
    }
    return inverse.build();
  }

  /**
   * A small operation turning this document into {@code target}: text changes from a
   * java-diff-utils diff of the code points, formatting changes on the text both share.
   */
  public Operation diffTo(Document target) {
    return DocumentDiff.diff(this, target);
  }

  /** Visits the runs covering [position, position + count). */
  void forEachRun(int position, int count, Rope.RunVisitor visitor) {
    rope.forEachRun(position, count, visitor);
  }

  /** Equal when the text and its formatting are equal, however the runs are cut. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Document document
        && document.length() == length()
        && document.asOperation().equals(asOperation());
  }

  @Override
  public int hashCode() {
    return asOperation().hashCode();
  }

  /** The plain text (for debugging). */
  @Override
  public String toString() {
    return text();
  }
}
