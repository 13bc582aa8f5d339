package dev.raftpad.desktop.export;

import dev.raftpad.document.op.ImageBytes;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Run;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bytes of a document's images for an export, by id, fetched beforehand (off the FX thread):
 * the exporters are pure and never reach the network. An image missing here is exported as the text
 * "[image]".
 */
public record DocumentPictures(Map<String, Picture> byId) {
  /** No images: every image exports as "[image]". */
  public static final DocumentPictures NONE = new DocumentPictures(Map.of());

  /** What an image export writes when the bytes are missing. */
  static final String MISSING = "[image]";

  /** An image's media type ("image/png", "image/jpeg", "image/gif") and bytes. */
  @SuppressWarnings("ArrayRecordComponent") // written out as they are, never compared or hashed
  public record Picture(String mediaType, byte[] bytes) {
    /** The file extension for its type ("png", "jpg", "gif"). */
    public String extension() {
      return ImageBytes.extension(mediaType);
    }
  }

  public DocumentPictures {
    byId = Map.copyOf(byId);
  }

  public Optional<Picture> get(String imageId) {
    return Optional.ofNullable(byId.get(imageId));
  }

  /** The ids of the images {@code document} shows, in order of first appearance. */
  public static Set<String> idsIn(Document document) {
    Set<String> ids = new LinkedHashSet<>();
    for (Run run : document.runs()) {
      String image = run.attributes().image();
      if (image != null && !image.isEmpty()) {
        ids.add(image);
      }
    }
    return ids;
  }

  /** The image id of a run, or null for text. */
  static String imageOf(Run run) {
    String image = run.attributes().image();
    return image == null || image.isEmpty() ? null : image;
  }
}
