package dev.raftpad.document.op;

import java.util.regex.Pattern;

/**
 * How an image lives in the text: one {@link #CHARACTER} (U+FFFC, the object replacement character)
 * whose {@link Attributes#image()} names the image in the document's image store. The image is one
 * code point, so positions, transform, undo and history treat it like any character, and the bytes
 * are stored once, beside the text, under the id.
 */
public final class Images {
  /** The character that stands for an image in the text. */
  public static final String CHARACTER = "\uFFFC";

  /** An image id: the SHA-256 of the image's bytes, 64 lowercase hex digits. */
  private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

  private Images() {}

  /** Whether {@code id} looks like an image id. */
  public static boolean isId(String id) {
    return ID.matcher(id).matches();
  }
}
