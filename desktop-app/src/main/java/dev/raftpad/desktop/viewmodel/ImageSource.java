package dev.raftpad.desktop.viewmodel;

import java.util.function.Consumer;

/**
 * Where the bytes of a document's images come from, by id (the SHA-256 hex in the text's image
 * attribute). Loading may take a round trip: the answer comes later, on the UI executor.
 */
public interface ImageSource {
  /** An image's bytes and media type ("image/png", "image/jpeg", "image/gif"). */
  record ImageData(String mediaType, byte[] bytes) {}

  /** Asks for an image; {@code then} gets it, or {@code failed} gets a message for the user. */
  void load(String imageId, Consumer<ImageData> then, Consumer<String> failed);

  /** A source with no images (every load fails). */
  ImageSource NONE = (id, then, failed) -> failed.accept("no image store");
}
