package dev.raftpad.document.text;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Images;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.OperationBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * diff(from, to): the text diff comes from java-diff-utils (Myers) over code points, after the
 * common prefix and suffix are cut off so a typical edit diffs only a few characters; formatting
 * differences on the shared text become retains with attribute changes. An image is compared by its
 * id, not its character: two U+FFFC showing different images are different characters (a delete and
 * an insert), never a formatting change, which the image rules refuse on a retain.
 */
final class DocumentDiff {
  private DocumentDiff() {}

  static Operation diff(Document from, Document to) {
    Map<String, Integer> imageSymbols = new HashMap<>();
    int[] a = symbols(from, imageSymbols);
    int[] b = symbols(to, imageSymbols);
    int prefix = 0;
    while (prefix < a.length && prefix < b.length && a[prefix] == b[prefix]) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < a.length - prefix
        && suffix < b.length - prefix
        && a[a.length - 1 - suffix] == b[b.length - 1 - suffix]) {
      suffix++;
    }
    List<Integer> source = boxed(a, prefix, a.length - suffix);
    List<Integer> target = boxed(b, prefix, b.length - suffix);

    OperationBuilder builder = Operation.builder();
    retainShared(builder, from, 0, to, 0, prefix);
    int sourceAt = 0;
    int targetAt = 0;
    for (AbstractDelta<Integer> delta : DiffUtils.diff(source, target).getDeltas()) {
      int sourceStart = delta.getSource().getPosition();
      int targetStart = delta.getTarget().getPosition();
      retainShared(builder, from, prefix + sourceAt, to, prefix + targetAt, sourceStart - sourceAt);
      int inserted = delta.getTarget().size();
      to.forEachRun(
          prefix + targetStart,
          inserted,
          (piece, length, attributes) -> builder.insert(piece, attributes));
      builder.delete(delta.getSource().size());
      sourceAt = sourceStart + delta.getSource().size();
      targetAt = targetStart + inserted;
    }
    retainShared(
        builder, from, prefix + sourceAt, to, prefix + targetAt, a.length - prefix - sourceAt);
    return builder.build();
  }

  /** Retains {@code count} code points both documents share, with any formatting difference. */
  private static void retainShared(
      OperationBuilder builder, Document from, int fromAt, Document to, int toAt, int count) {
    if (count == 0) {
      return;
    }
    List<Span> before = spans(from, fromAt, count);
    List<Span> after = spans(to, toAt, count);
    int i = 0;
    int j = 0;
    int usedBefore = 0;
    int usedAfter = 0;
    while (i < before.size() && j < after.size()) {
      Span x = before.get(i);
      Span y = after.get(j);
      int length = Math.min(x.length - usedBefore, y.length - usedAfter);
      builder.retain(length, Attributes.diff(x.attributes, y.attributes));
      usedBefore += length;
      usedAfter += length;
      if (usedBefore == x.length) {
        i++;
        usedBefore = 0;
      }
      if (usedAfter == y.length) {
        j++;
        usedAfter = 0;
      }
    }
  }

  private record Span(int length, Attributes attributes) {}

  private static List<Span> spans(Document document, int position, int count) {
    List<Span> spans = new ArrayList<>();
    document.forEachRun(
        position, count, (piece, length, attributes) -> spans.add(new Span(length, attributes)));
    return spans;
  }

  /**
   * The document's code points, each image's U+FFFC replaced by a negative number per image id
   * (code points are never negative, so an image equals only the same image).
   */
  private static int[] symbols(Document document, Map<String, Integer> imageSymbols) {
    int[] symbols = new int[document.length()];
    int at = 0;
    for (Run run : document.runs()) {
      String image = run.attributes().image();
      boolean isImage = image != null && !image.isEmpty();
      int[] codePoints = run.text().codePoints().toArray();
      for (int codePoint : codePoints) {
        symbols[at++] =
            isImage && codePoint == IMAGE_CHARACTER
                ? imageSymbols.computeIfAbsent(image, id -> -1 - imageSymbols.size())
                : codePoint;
      }
    }
    return symbols;
  }

  private static final int IMAGE_CHARACTER = Images.CHARACTER.codePointAt(0);

  private static List<Integer> boxed(int[] codePoints, int from, int to) {
    return Arrays.stream(codePoints, from, to).boxed().toList();
  }
}
