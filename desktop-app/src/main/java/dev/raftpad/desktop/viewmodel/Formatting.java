package dev.raftpad.desktop.viewmodel;

import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.FormatValues;
import dev.raftpad.document.op.ListKind;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.OperationBuilder;
import dev.raftpad.document.op.Selection;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Editing rules as operations over a document, in code points: what typed text is formatted with,
 * and what the toolbar's toggles change. Pure, so it is tested without a window or a cluster.
 */
public final class Formatting {
  private Formatting() {}

  /**
   * A document's code points and their attributes, read down its rope: nothing here copies the
   * whole text (these rules run on keystrokes and clicks in documents of a million code points).
   */
  static final class Chars {
    private final Document document;

    private Chars(Document document) {
      this.document = document;
    }

    static Chars of(Document document) {
      return new Chars(document);
    }

    int length() {
      return document.length();
    }

    /** The attributes of the code point at {@code i}. */
    Attributes attributes(int i) {
      return document.runs(i, 1).get(0).attributes();
    }

    /** The first line end at or after {@code from}, or -1 if the text ends without one. */
    int lineEnd(int from) {
      int line = document.lineOf(from);
      return line < document.lineCount() - 1 ? document.lineStart(line + 1) - 1 : -1;
    }
  }

  /**
   * Typing: {@code deleted} code points at {@code position} replaced by {@code inserted}. Text
   * takes {@code inline} formatting; a new line end continues the list, quote or code block of the
   * line it splits (not its heading, as in word processors).
   */
  public static Operation typing(
      Document document, int position, int deleted, String inserted, Attributes inline) {
    // The line end after the replaced text, found down the document's tree (no whole-text copy:
    // this runs on every keystroke).
    int line = document.lineOf(Math.min(position + deleted, document.length()));
    int end = line < document.lineCount() - 1 ? document.lineStart(line + 1) - 1 : -1;
    Attributes endFormat = end < 0 ? Attributes.NONE : document.lineFormat(line);
    Attributes carried = end < 0 ? Attributes.NONE : continuedBlock(endFormat);
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
    if (end >= 0 && inserted.indexOf('\n') >= 0 && endFormat.list() == ListKind.CHECKED) {
      // Enter in a ticked item: the new line end (ending the first part) keeps the tick, and the
      // line after it, the new item, starts unticked.
      b.retain(end - position - deleted)
          .retain(1, Attributes.builder().list(ListKind.UNCHECKED).build());
    }
    return b.build();
  }

  /** The inline formatting text typed at {@code position} takes: that of the character before. */
  public static Attributes inlineAt(Document document, int position) {
    if (position <= 0 || position > document.length()) {
      return Attributes.NONE;
    }
    Run before = document.runs(position - 1, 1).get(0);
    if (before.text().equals("\n")) {
      return Attributes.NONE;
    }
    return inlineOnly(before.attributes());
  }

  /** Toggles an inline format over a selection: off if all of it has it, else on. */
  public static Operation toggle(Document document, Selection selection, InlineStyle style) {
    int start = Math.min(selection.anchor(), selection.head());
    int end = Math.min(Math.max(selection.anchor(), selection.head()), document.length());
    if (start >= end) {
      return Operation.IDENTITY;
    }
    boolean all = true;
    for (Run run : document.runs(start, end - start)) {
      if (!run.text().chars().allMatch(c -> c == '\n') && !style.isSetIn(run.attributes())) {
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
   * Sets inline formatting (a font, size, text or highlight colour; a removal value removes it) on
   * the selection.
   */
  public static Operation inline(Document document, Selection selection, Attributes change) {
    int start = Math.min(selection.anchor(), selection.head());
    int end = Math.min(Math.max(selection.anchor(), selection.head()), document.length());
    if (start >= end) {
      return Operation.IDENTITY;
    }
    return Operation.format(start, end - start, change);
  }

  /**
   * Removes the inline formatting of the selection (bold … highlight), keeping links and suggestion
   * marks, which are content rather than looks, and the lines' formats.
   */
  public static Operation clear(Document document, Selection selection) {
    int start = Math.min(selection.anchor(), selection.head());
    int end = Math.min(Math.max(selection.anchor(), selection.head()), document.length());
    if (start >= end) {
      return Operation.IDENTITY;
    }
    OperationBuilder b = Operation.builder().retain(start);
    for (Run run : document.runs(start, end - start)) {
      Attributes looks = run.attributes().inlineFormatting();
      Attributes keep =
          looks.link() == null ? Attributes.NONE : Attributes.builder().link(looks.link()).build();
      b.retain(run.text().codePointCount(0, run.text().length()), Attributes.diff(looks, keep));
    }
    return b.build();
  }

  /**
   * Toggles a line format on every line the selection touches: off if all of them have it, else on.
   * A last line without a line end gets one.
   */
  public static Operation block(Document document, Selection selection, BlockStyle style) {
    Chars chars = Chars.of(document);
    List<Integer> ends = lineEnds(chars, selection);
    boolean all = ends.stream().allMatch(p -> p >= 0 && style.isSetIn(chars.attributes(p)));
    Attributes change = style.change(!all);
    return formatLines(chars, ends, p -> change, !all);
  }

  /** Sets a line format (alignment, spacing) on every line the selection touches. */
  public static Operation lines(Document document, Selection selection, Attributes change) {
    Chars chars = Chars.of(document);
    return formatLines(chars, lineEnds(chars, selection), p -> change, !change.hasRemovals());
  }

  /**
   * Indents ({@code delta} 1) or outdents (-1) every line the selection touches, each from its own
   * level, within 0..{@link FormatValues#MAX_INDENT}.
   */
  public static Operation indent(Document document, Selection selection, int delta) {
    Chars chars = Chars.of(document);
    return formatLines(
        chars,
        lineEnds(chars, selection),
        p -> {
          Integer now = p < 0 ? null : chars.attributes(p).indent();
          int level =
              Math.clamp((now == null ? 0 : now) + (long) delta, 0, FormatValues.MAX_INDENT);
          return Attributes.builder().indent(level).build();
        },
        delta > 0);
  }

  /** Ticks or unticks the checklist item on line {@code line} (0-based); nothing elsewhere. */
  public static Operation toggleChecked(Document document, int line) {
    if (line < 0 || line >= document.lineCount() - 1) {
      return Operation.IDENTITY; // no such line, or the last one, which has no line end
    }
    int end = document.lineStart(line + 1) - 1;
    ListKind kind = document.lineFormat(line).list();
    if (kind == null || !kind.isChecklist()) {
      return Operation.IDENTITY;
    }
    ListKind flipped = kind == ListKind.CHECKED ? ListKind.UNCHECKED : ListKind.CHECKED;
    return Operation.format(end, 1, Attributes.builder().list(flipped).build());
  }

  /** The format of the line {@code position} is on: its line end's attributes, or none. */
  public static Attributes lineFormatAt(Document document, int position) {
    return document.lineFormat(document.lineOf(Math.min(Math.max(position, 0), document.length())));
  }

  /** The line ends of the lines the selection touches; -1 for a last line without one. */
  private static List<Integer> lineEnds(Chars chars, Selection selection) {
    int start = Math.min(Math.min(selection.anchor(), selection.head()), chars.length());
    int end = Math.min(Math.max(selection.anchor(), selection.head()), chars.length());
    List<Integer> ends = new ArrayList<>();
    int from = start;
    while (true) {
      int lineEnd = chars.lineEnd(from);
      ends.add(lineEnd);
      if (lineEnd < 0 || lineEnd >= end) {
        return ends;
      }
      from = lineEnd + 1;
    }
  }

  /**
   * Retains each line end with its change; a last line without a line end gets one when {@code
   * addLineEnd} (setting a format there, not removing one).
   */
  private static Operation formatLines(
      Chars chars, List<Integer> ends, IntFunction<Attributes> change, boolean addLineEnd) {
    OperationBuilder b = Operation.builder();
    int position = 0;
    for (int lineEnd : ends) {
      if (lineEnd >= 0) {
        b.retain(lineEnd - position).retain(1, change.apply(lineEnd));
        position = lineEnd + 1;
      } else if (addLineEnd) {
        Attributes set = change.apply(lineEnd).withoutRemovals();
        if (!set.isEmpty()) {
          b.retain(chars.length() - position).insert("\n", set);
          position = chars.length();
        }
      }
    }
    return b.build();
  }

  /**
   * The line formats a new line end continues: list, quote, code block, alignment, spacing and
   * indent.
   */
  static Attributes continuedBlock(Attributes a) {
    var b = Attributes.builder();
    if (a.list() != null) {
      b.list(a.list());
    }
    if (a.align() != null) {
      b.align(a.align());
    }
    if (a.lineSpacing() != null) {
      b.lineSpacing(a.lineSpacing());
    }
    if (a.indent() != null) {
      b.indent(a.indent());
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
    return a.inlineFormatting();
  }
}
