package dev.raftpad.server.testing;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Image files for tests of the image store, its clients and the exports: real ones, made here. */
public final class TestImages {
  private TestImages() {}

  /** A real PNG of {@code width} × {@code height} pixels in one colour. */
  public static byte[] png(int width, int height, Color color) {
    return encode(width, height, color, "png", BufferedImage.TYPE_INT_ARGB);
  }

  /** A real JPEG of {@code width} × {@code height} pixels in one colour. */
  public static byte[] jpeg(int width, int height, Color color) {
    return encode(width, height, color, "jpg", BufferedImage.TYPE_INT_RGB);
  }

  /**
   * {@code size} bytes that start like a PNG (the store judges the first bytes and the size only),
   * for size limits without drawing megapixels.
   */
  public static byte[] pngOfSize(int size) {
    byte[] real = png(1, 1, Color.RED);
    byte[] bytes = Arrays.copyOf(real, size);
    if (size > real.length) {
      Arrays.fill(bytes, real.length, size, (byte) 7);
    }
    return bytes;
  }

  private static byte[] encode(int width, int height, Color color, String format, int type) {
    BufferedImage image = new BufferedImage(width, height, type);
    var g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, width, height);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
