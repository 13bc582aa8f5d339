package dev.raftpad.document.op;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where the image attribute may stand in an operation: only on inserts made of {@link
 * Images#CHARACTER}s. A retain may neither set, change nor remove it, so an image is never turned
 * into another (or into text) by formatting: replacing one is a delete and an insert, which undo,
 * history and merges treat as what it is. A U+FFFC without an image is an ordinary character (text
 * pasted from elsewhere may hold one; refusing it would refuse the whole paste).
 */
public final class ImagePlacement {
  private ImagePlacement() {}

  /** Why {@code operation} puts an image where none may be, or empty if it does not. */
  public static Optional<String> problem(Operation operation) {
    int position = 0;
    for (Component component : operation.components()) {
      switch (component) {
        case Retain retain -> {
          if (retain.attributes().image() != null) {
            return Optional.of(
                "a retain may not set, change or remove an image (at " + position + ")");
          }
          position += retain.count();
        }
        case Insert insert -> {
          String image = insert.attributes().image();
          if (image != null && !image.isEmpty() && !onlyImageCharacters(insert.text())) {
            return Optional.of(
                "an image goes on the character U+FFFC only; the insert at "
                    + position
                    + " holds other text");
          }
          if (image != null && image.isEmpty()) {
            return Optional.of("an insert cannot carry an empty image id (at " + position + ")");
          }
        }
        case Delete delete -> position += delete.count();
      }
    }
    return Optional.empty();
  }

  /** The image ids {@code operation} inserts, in order of first appearance. */
  public static Set<String> inserted(Operation operation) {
    Set<String> ids = new LinkedHashSet<>();
    for (Component component : operation.components()) {
      if (component instanceof Insert insert
          && insert.attributes().image() != null
          && !insert.attributes().image().isEmpty()) {
        ids.add(insert.attributes().image());
      }
    }
    return ids;
  }

  /** Whether {@code operation} mentions the image attribute anywhere. */
  public static boolean mentionsImages(Operation operation) {
    for (Component component : operation.components()) {
      Attributes attributes =
          switch (component) {
            case Retain retain -> retain.attributes();
            case Insert insert -> insert.attributes();
            case Delete delete -> Attributes.NONE;
          };
      if (attributes.image() != null) {
        return true;
      }
    }
    return false;
  }

  private static boolean onlyImageCharacters(String text) {
    return text.codePoints().allMatch(c -> c == Images.CHARACTER.codePointAt(0));
  }
}
