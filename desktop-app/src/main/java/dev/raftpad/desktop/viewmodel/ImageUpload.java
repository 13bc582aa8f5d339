package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.document.op.ImageBytes;
import java.io.IOException;

/**
 * The background half of inserting an image: read its bytes, check they are a PNG, JPEG or GIF by
 * their first bytes, and add them to the document's image store. Blocking: run it on {@code
 * Threads.background()}. The cluster judges the size (its limit is an operator's setting); only
 * what could never be sent is refused here.
 */
public final class ImageUpload {
  /** The most one request may carry besides its framing (the server's message limit). */
  static final int MAX_SENDABLE_BYTES = 8 * 1024 * 1024 - 64 * 1024;

  private ImageUpload() {}

  /** Where the bytes come from: a file, or the clipboard's picture encoded as PNG. */
  @FunctionalInterface
  public interface Bytes {
    byte[] read() throws IOException;
  }

  /** What came of it: the image added, or why it was not (network failures are thrown). */
  sealed interface Outcome {}

  /** Added: the id the text refers to, and the bytes (this window shows them without a trip). */
  record Added(String imageId, ImageSource.ImageData data) implements Outcome {}

  /** Not an image the store takes, unreadable, or far too large: nothing was sent. */
  record Refused(String reason) implements Outcome {}

  /**
   * @param source what the user picked, for messages ("photo.png", "the clipboard")
   * @throws dev.raftpad.client.sdk.RaftpadException when the cluster refuses it (too large, no
   *     access) or cannot be reached
   */
  static Outcome run(RaftpadClient client, String documentId, String source, Bytes bytes) {
    byte[] data;
    try {
      data = bytes.read();
    } catch (IOException e) {
      return new Refused("Cannot read " + source + ": " + e.getMessage());
    }
    var mediaType = ImageBytes.mediaTypeOf(data);
    if (mediaType.isEmpty()) {
      return new Refused(source + " is not a PNG, JPEG or GIF image.");
    }
    if (data.length > MAX_SENDABLE_BYTES) {
      return new Refused(
          source
              + " is too large: "
              + (data.length >> 20)
              + " MB. Images may be at most a few MB (2 MB unless the cluster says otherwise).");
    }
    String id = client.images().add(documentId, mediaType.get(), data);
    return new Added(id, new ImageSource.ImageData(mediaType.get(), data));
  }
}
