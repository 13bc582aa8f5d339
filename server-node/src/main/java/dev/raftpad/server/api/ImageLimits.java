package dev.raftpad.server.api;

import dev.raftpad.server.NodeServer;

/**
 * How big images may be: one image ({@code --max-image-bytes}, judged by the node that takes the
 * request) and a document's images together ({@code --max-document-image-bytes}, stamped into the
 * command and judged at apply time, so one document cannot fill the log and the snapshots).
 *
 * @param perImage the largest image, in bytes
 * @param perDocument the most a document's images take together, in bytes
 */
public record ImageLimits(long perImage, long perDocument) {
  /** 2 MiB per image, 20 MiB per document. */
  public static final ImageLimits DEFAULT = new ImageLimits(2L << 20, 20L << 20);

  /** What an AddImage request carries besides the image, at most (ids, media type, framing). */
  private static final int REQUEST_OVERHEAD = 64 * 1024;

  /** The largest per-image limit: a request carrying the image must fit one gRPC message. */
  public static final long MAX_PER_IMAGE = NodeServer.MAX_INBOUND_MESSAGE_BYTES - REQUEST_OVERHEAD;

  /**
   * @throws IllegalArgumentException naming the setting, when a limit is below 1 KiB, the image
   *     limit above {@link #MAX_PER_IMAGE} or above the document's
   */
  public ImageLimits {
    if (perImage < 1024 || perImage > MAX_PER_IMAGE) {
      throw new IllegalArgumentException(
          "--max-image-bytes must be between 1024 and "
              + MAX_PER_IMAGE
              + " (a request carrying the image must fit the "
              + NodeServer.MAX_INBOUND_MESSAGE_BYTES
              + "-byte message limit), not "
              + perImage);
    }
    if (perDocument < perImage) {
      throw new IllegalArgumentException(
          "--max-document-image-bytes ("
              + perDocument
              + ") must be at least --max-image-bytes ("
              + perImage
              + ")");
    }
  }
}
