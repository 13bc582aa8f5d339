package dev.raftpad.document.text;

import dev.raftpad.document.op.Component;
import dev.raftpad.document.op.Delete;
import dev.raftpad.document.op.Insert;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Retain;
import java.util.OptionalInt;

/**
 * The rule that block attributes (heading, list, quote, code block) sit on line ends: an operation
 * may set or change them only on {@code "\n"} characters — inserted ones, or retained ones of the
 * document it applies to. Elsewhere they would be formatting that no editor shows and every editor
 * must carry.
 */
public final class LineEnds {
  private LineEnds() {}

  /**
   * The first position of {@code base} (code points) where {@code operation} puts a block attribute
   * on something other than a line end, if any. An operation longer than {@code base} is not judged
   * here (it does not fit, which is refused for its own reason).
   */
  public static OptionalInt firstMisplacedBlockAttribute(Document base, Operation operation) {
    if (operation.baseLength() > base.length()) {
      return OptionalInt.empty();
    }
    int position = 0;
    for (Component component : operation.components()) {
      switch (component) {
        case Retain retain -> {
          if (retain.attributes().hasBlockAttributes()) {
            int offset = firstNonLineEnd(base.text(position, retain.count()));
            if (offset >= 0) {
              return OptionalInt.of(position + offset);
            }
          }
          position += retain.count();
        }
        case Insert insert -> {
          if (insert.attributes().hasBlockAttributes() && firstNonLineEnd(insert.text()) >= 0) {
            return OptionalInt.of(position);
          }
        }
        case Delete delete -> position += delete.count();
      }
    }
    return OptionalInt.empty();
  }

  /** Whether some insert or retain of {@code operation} mentions a block attribute at all. */
  public static boolean mentionsBlockAttributes(Operation operation) {
    for (Component component : operation.components()) {
      boolean mentions =
          switch (component) {
            case Retain retain -> retain.attributes().hasBlockAttributes();
            case Insert insert -> insert.attributes().hasBlockAttributes();
            case Delete delete -> false;
          };
      if (mentions) {
        return true;
      }
    }
    return false;
  }

  /** The code-point offset of the first character that is not {@code "\n"}, or -1. */
  private static int firstNonLineEnd(String text) {
    int offset = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      if (codePoint != '\n') {
        return offset;
      }
      i += Character.charCount(codePoint);
      offset++;
    }
    return -1;
  }
}
