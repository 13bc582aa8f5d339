package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.EditorViewModel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.input.Clipboard;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javax.imageio.ImageIO;

/**
 * Images into the text: Insert → Image… (a file chooser) and a paste whose clipboard holds a copied
 * picture (encoded as PNG) or copied image files. The view reads the clipboard, the view model
 * reads, checks and uploads the bytes off the FX thread and inserts the image at the caret.
 */
final class ImagePaste {
  /** The files Insert → Image… offers, and the copied files a paste takes as images. */
  static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "gif");

  private ImagePaste() {}

  /**
   * Pastes the clipboard's image files, or its picture when it holds no text (a web page copied
   * with its pictures is pasted as text); answers false, doing nothing, when it holds neither.
   */
  static boolean paste(EditorViewModel model) {
    Clipboard clipboard = Clipboard.getSystemClipboard();
    if (clipboard.hasFiles()) {
      List<File> images = clipboard.getFiles().stream().filter(ImagePaste::isImageFile).toList();
      images.forEach(file -> model.insertImage(file.toPath()));
      if (!images.isEmpty()) {
        return true;
      }
    }
    if (clipboard.hasImage() && !clipboard.hasString()) {
      Image image = clipboard.getImage();
      int width = (int) image.getWidth();
      int height = (int) image.getHeight();
      if (width <= 0 || height <= 0 || image.getPixelReader() == null) {
        return false;
      }
      // The pixels are copied here, on the FX thread; the PNG is encoded in the background.
      int[] argb = new int[width * height];
      image
          .getPixelReader()
          .getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
      model.insertImage("the clipboard's picture", () -> png(width, height, argb));
      return true;
    }
    return false;
  }

  /** Insert → Image…: a PNG, JPEG or GIF file chosen by the user. */
  static void choose(Window owner, EditorViewModel model) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Insert image");
    chooser
        .getExtensionFilters()
        .add(
            new FileChooser.ExtensionFilter(
                "Images (PNG, JPEG, GIF)",
                EXTENSIONS.stream().map(extension -> "*." + extension).toList()));
    File file = chooser.showOpenDialog(owner);
    if (file != null) {
      model.insertImage(file.toPath());
    }
  }

  private static boolean isImageFile(File file) {
    String name = file.getName().toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(extension -> name.endsWith("." + extension));
  }

  /** ARGB pixels as a PNG file's bytes. */
  static byte[] png(int width, int height, int[] argb) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    image.setRGB(0, 0, width, height, argb, 0, width);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
