package dev.raftpad.desktop.viewmodel;

import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.OperationBuilder;
import dev.raftpad.document.op.Selection;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Run;
import java.util.ArrayList;
import java.util.List;

/**
 * Editing rules as operations over a document, in code points: what typed text is formatted with,
 * and what the toolbar's toggles change. Pure, so it is tested without a window or a cluster.
 */
public final class Formatting {
  private Formatting() {}

  /** The code points of a document with the attributes of each. */
  static final class Chars {
    private final int[] codePoints;
    private final Attributes[] attributes;

    private Chars(int[] codePoints, Attributes[] attributes) {
      this.codePoints = codePoints;
      this.attributes = attributes;
    }

    int[] codePoints() {
      return codePoints;
    }

    Attributes[] attributes() {
      return attributes;
    }

    static Chars of(Document document) {
      int[] cps = document.text().codePoints().toArray();
      Attributes[] attrs = new Attributes[cps.length];
      int i = 0;
      for (Run run : document.runs()) {
        int n = (int) run.text().codePoints().count();
        for (int k = 0; k < n; k++) {
          attrs[i++] = run.attributes();
        }
      }
      return new Chars(cps, attrs);
    }

    int length() {
      return codePoints.length;
    }

    /** The first line end at or after {@code from}, or -1 if the text ends without one. */
    int lineEnd(int from) {
      for (int i = from; i < codePoints.length; i++) {
        if (codePoints[i] == '\n') {
          return i;
        }
      }
      return -1;
    }
  }

  /**
   * Typing: {@code deleted} code points at {@code position} replaced by {@code inserted}. Text
   * takes {@code inline} formatting; a new line end continues the list, quote or code block of the
   * line it splits (not its heading, as in word processors).
   */
  public static Operation typing(
      Document document, int position, int deleted, String inserted, Attributes inline) {
    Chars chars = Chars.of(document);
    int end = chars.lineEnd(position + deleted);
    Attributes carried = end < 0 ? Attributes.NONE : continuedBlock(chars.attributes()[end]);
    OperationBuilder b = Operation.builder().retain(position);
    int start = 0;
    for (int i = 0; i <= inserted.length(); i++) {
      if (i == inserted.length() || inserted.charAt(i) == '\n') {
        if (i > start) {
          b.insert(inserted.substring(start, i), inline);
        }
        if (i < inserted.length()) {
          b.insert("\n", carried);
        }
        start = i + 1;
      }
    }
    if (deleted > 0) {
      b.delete(deleted);
    }
    return b.build();
  }

  /** The inline formatting text typed at {@code position} takes: that of the character before. */
  public static Attributes inlineAt(Document document, int position) {
    if (position <= 0 || position > document.length()) {
      return Attributes.NONE;
    }
    Chars chars = Chars.of(document);
    if (chars.codePoints()[position - 1] == '\n') {
      return Attributes.NONE;
    }
    return inlineOnly(chars.attributes()[position - 1]);
  }

  /** Toggles an inline format over a selection: off if all of it has it, else on. */
  public static Operation toggle(Document document, Selection selection, InlineStyle style) {
    int start = Math.min(selection.anchor(), selection.head());
    int end = Math.min(Math.max(selection.anchor(), selection.head()), document.length());
    if (start >= end) {
      return Operation.IDENTITY;
    }
    Chars chars = Chars.of(document);
    boolean all = true;
    for (int i = start; i < end; i++) {
      if (chars.codePoints()[i] != '\n' && !style.isSetIn(chars.attributes()[i])) {
        all = false;
      }
    }
    return Operation.format(start, end - start, style.change(!all));
  }

  /** Links the selection to {@code url}, or unlinks it when {@code url} is empty. */
  public static Operation link(Document document, Selection selection, String url) {
    int start = Math.min(selection.anchor(), selection.head());
    int end = Math.min(Math.max(selection.anchor(), selection.head()), document.length());
    if (start >= end) {
      return Operation.IDENTITY;
    }
    return Operation.format(start, end - start, Attributes.builder().link(url).build());
  }

  /**
   * Toggles a line format on every line the selection touches: off if all of them have it, else on.
   * A last line without a line end gets one.
   */
  public static Operation block(Document document, Selection selection, BlockStyle style) {
    Chars chars = Chars.of(document);
    int start = Math.min(Math.min(selection.anchor(), selection.head()), chars.length());
    int end = Math.min(Math.max(selection.anchor(), selection.head()), chars.length());
    List<Integer> ends = new ArrayList<>();
    int from = start;
    while (true) {
      int lineEnd = chars.lineEnd(from);
      ends.add(lineEnd);
      if (lineEnd < 0 || lineEnd >= end) {
        break;
      }
      from = lineEnd + 1;
    }
    boolean all = ends.stream().allMatch(p -> p >= 0 && style.isSetIn(chars.attributes()[p]));
    Attributes change = style.change(!all);
    OperationBuilder b = Operation.builder();
    int position = 0;
    for (int lineEnd : ends) {
      if (lineEnd >= 0) {
        b.retain(lineEnd - position).retain(1, change);
        position = lineEnd + 1;
      } else if (!all) {
        b.retain(chars.length() - position).insert("\n", change.withoutRemovals());
        position = chars.length();
      }
    }
    return b.build();
  }

  /** The line formats a new line end continues. */
  static Attributes continuedBlock(Attributes a) {
    var b = Attributes.builder();
    if (a.list() != null) {
      b.list(a.list());
    }
    if (a.quote() != null) {
      b.quote(a.quote());
    }
    if (a.codeBlock() != null) {
      b.codeBlock(a.codeBlock());
    }
    return b.build();
  }

  /** Only the inline fields of {@code a}. */
  public static Attributes inlineOnly(Attributes a) {
    return new Attributes(
        a.bold(),
        a.italic(),
        a.underline(),
        a.strikethrough(),
        a.code(),
        a.link(),
        a.color(),
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
