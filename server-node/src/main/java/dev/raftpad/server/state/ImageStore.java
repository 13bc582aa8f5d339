package dev.raftpad.server.state;

import dev.raftpad.proto.v1.DocumentRecord;
import dev.raftpad.proto.v1.ImageRecord;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One document's images: their bytes under their id (the SHA-256 of the bytes), each stored once,
 * and how many bytes they take together (the per-document limit is judged against it). Images are
 * never removed while the document lives: an image deleted from the text may come back by undo,
 * history or a restore, which must find its bytes. Sorted, so equal stores snapshot to equal bytes.
 */
final class ImageStore {
  private final TreeMap<String, ImageRecord> images = new TreeMap<>();
  private long totalBytes;

  /** The store a snapshot's record carries. */
  static ImageStore of(DocumentRecord record) {
    ImageStore store = new ImageStore();
    record.getImagesList().forEach(store::put);
    return store;
  }

  boolean contains(String imageId) {
    return images.containsKey(imageId);
  }

  Optional<ImageRecord> get(String imageId) {
    return Optional.ofNullable(images.get(imageId));
  }

  void put(ImageRecord image) {
    ImageRecord before = images.put(image.getImageId(), image);
    totalBytes += image.getData().size() - (before == null ? 0 : before.getData().size());
  }

  long totalBytes() {
    return totalBytes;
  }

  boolean isEmpty() {
    return images.isEmpty();
  }

  /** {@code record} with the images written into it, in id order. */
  DocumentRecord writeTo(DocumentRecord record) {
    return images.isEmpty()
        ? record
        : record.toBuilder().clearImages().addAllImages(images.values()).build();
  }
}
