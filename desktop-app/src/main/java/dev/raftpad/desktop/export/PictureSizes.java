package dev.raftpad.desktop.export;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * How large an image is drawn in a page: its pixels at 96 per inch (as browsers and Word show
 * them), scaled down to fit a width and a height, never up. The one sizing rule of the Word and PDF
 * exports.
 *
 * @param width in points
 * @param height in points
 */
record PictureSizes(float width, float height) {
  /** Points per CSS pixel (96 pixels and 72 points to the inch). */
  private static final float POINTS_PER_PIXEL = 0.75f;

  /** The image's natural size, read from its bytes; a square inch when they cannot be decoded. */
  static PictureSizes natural(byte[] bytes) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      if (image != null) {
        return new PictureSizes(
            image.getWidth() * POINTS_PER_PIXEL, image.getHeight() * POINTS_PER_PIXEL);
      }
    } catch (IOException unreadable) {
      // drawn at a default size below
    }
    return new PictureSizes(72, 72);
  }

  /**
   * This size scaled down (keeping its proportions) to fit {@code maxWidth} × {@code maxHeight}.
   */
  PictureSizes fit(float maxWidth, float maxHeight) {
    float scale = Math.min(1, Math.min(maxWidth / width, maxHeight / height));
    return new PictureSizes(width * scale, height * scale);
  }
}
