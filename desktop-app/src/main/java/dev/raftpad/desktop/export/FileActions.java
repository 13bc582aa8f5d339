package dev.raftpad.desktop.export;

import dev.raftpad.document.op.Operation;
import dev.raftpad.document.text.Document;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Documents to and from files, by the file's extension: the blocking part of the editor's Export
 * and Import (the view model runs it off the FX thread). Text formats go through {@link Exporter};
 * Word and PDF through their own classes.
 */
public final class FileActions {
  private FileActions() {}

  /** The formats Export offers besides {@link Exporter.Format}'s text formats. */
  public enum BinaryFormat {
    DOCX("docx", "Word (.docx)"),
    PDF("pdf", "PDF");

    private final String extension;
    private final String label;

    BinaryFormat(String extension, String label) {
      this.extension = extension;
      this.label = label;
    }

    public String extension() {
      return extension;
    }

    public String label() {
      return label;
    }
  }

  /** The extensions Import reads. */
  public static final java.util.List<String> IMPORTABLE = java.util.List.of("docx", "md", "txt");

  /**
   * A file read for a new document: its title (the file name), content, and the bytes of the images
   * the content names (a .docx's pictures), to add to the new document before its text.
   */
  public record Imported(String title, Operation content, DocumentPictures pictures) {}

  public static void write(Document document, BinaryFormat format, Path file) throws IOException {
    write(document, format, file, DocumentPictures.NONE);
  }

  /** Writes Word or PDF with the document's images ({@code pictures}) in it. */
  public static void write(
      Document document, BinaryFormat format, Path file, DocumentPictures pictures)
      throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      switch (format) {
        case DOCX -> DocxExporter.write(document, pictures, out);
        case PDF -> PdfExporter.write(document, pictures, out);
      }
    }
  }

  /**
   * Writes a text format. Markdown gets its images as files in a folder beside it, named after the
   * file ({@code notes.md} → {@code notes_images/ID.png}), and links them; HTML embeds them.
   */
  public static void write(
      Document document, Exporter.Format format, Path file, DocumentPictures pictures)
      throws IOException {
    String folder = imageFolderFor(file);
    if (format == Exporter.Format.MARKDOWN && !pictures.byId().isEmpty()) {
      Path dir = file.resolveSibling(folder);
      Files.createDirectories(dir);
      for (String id : DocumentPictures.idsIn(document)) {
        var picture = pictures.get(id);
        if (picture.isPresent()) {
          Files.write(dir.resolve(id + "." + picture.get().extension()), picture.get().bytes());
        }
      }
    }
    Files.writeString(
        file, Exporter.export(document, format, pictures, folder), StandardCharsets.UTF_8);
  }

  /**
   * The folder beside {@code file} for its images: its name without the extension, made safe for a
   * link without escapes, and "_images".
   */
  static String imageFolderFor(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot <= 0 ? name : name.substring(0, dot);
    return base.replaceAll("[^A-Za-z0-9._-]", "_") + "_images";
  }

  /** Reads a .docx, .md or .txt (anything else as plain text). */
  public static Imported read(Path file) throws IOException {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    String title = dot <= 0 ? name : name.substring(0, dot);
    java.util.Map<String, DocumentPictures.Picture> pictures = new java.util.HashMap<>();
    Operation content =
        switch (extension) {
          case "docx" -> {
            try (InputStream in = Files.newInputStream(file)) {
              yield DocxImporter.read(in, pictures);
            }
          }
          case "md", "markdown" ->
              MarkdownImporter.read(Files.readString(file, StandardCharsets.UTF_8));
          default -> PlainTextImporter.read(Files.readString(file, StandardCharsets.UTF_8));
        };
    return new Imported(title, content, new DocumentPictures(pictures));
  }
}
