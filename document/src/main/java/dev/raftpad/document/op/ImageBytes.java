package dev.raftpad.document.op;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What image bytes the store takes, judged by their first bytes rather than by a name or a claim:
 * PNG, JPEG and GIF; and the id of an image, the SHA-256 of its bytes (so the same bytes always get
 * the same id, and are stored once). The one place both the server and the clients ask.
 */
public final class ImageBytes {
  public static final String PNG = "image/png";
  public static final String JPEG = "image/jpeg";
  public static final String GIF = "image/gif";

  /** The media types the store takes. */
  public static final List<String> MEDIA_TYPES = List.of(PNG, JPEG, GIF);

  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final byte[] JPEG_MAGIC = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
  private static final byte[] GIF87_MAGIC = {'G', 'I', 'F', '8', '7', 'a'};
  private static final byte[] GIF89_MAGIC = {'G', 'I', 'F', '8', '9', 'a'};

  private ImageBytes() {}

  /** The media type {@code bytes} start like, if they are a PNG, JPEG or GIF. */
  public static Optional<String> mediaTypeOf(byte[] bytes) {
    if (startsWith(bytes, PNG_MAGIC)) {
      return Optional.of(PNG);
    }
    if (startsWith(bytes, JPEG_MAGIC)) {
      return Optional.of(JPEG);
    }
    if (startsWith(bytes, GIF87_MAGIC) || startsWith(bytes, GIF89_MAGIC)) {
      return Optional.of(GIF);
    }
    return Optional.empty();
  }

  /** The id of an image: the SHA-256 of its bytes in 64 lowercase hex digits. */
  public static String idOf(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The usual file extension of a media type the store takes ("png", "jpg", "gif"). */
  public static String extension(String mediaType) {
    return switch (mediaType) {
      case PNG -> "png";
      case JPEG -> "jpg";
      case GIF -> "gif";
      default ->
          throw new IllegalArgumentException("not an image type the store takes: " + mediaType);
    };
  }

  private static boolean startsWith(byte[] bytes, byte[] magic) {
    if (bytes.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (bytes[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
