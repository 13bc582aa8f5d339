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

  /** A file read for a new document: its title (the file name) and content. */
  public record Imported(String title, Operation content) {}

  public static void write(Document document, BinaryFormat format, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      switch (format) {
        case DOCX -> DocxExporter.write(document, out);
        case PDF -> PdfExporter.write(document, out);
      }
    }
  }

  /** Reads a .docx, .md or .txt (anything else as plain text). */
  public static Imported read(Path file) throws IOException {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    String title = dot <= 0 ? name : name.substring(0, dot);
    Operation content =
        switch (extension) {
          case "docx" -> {
            try (InputStream in = Files.newInputStream(file)) {
              yield DocxImporter.read(in);
            }
          }
          case "md", "markdown" ->
              MarkdownImporter.read(Files.readString(file, StandardCharsets.UTF_8));
          default -> PlainTextImporter.read(Files.readString(file, StandardCharsets.UTF_8));
        };
    return new Imported(title, content);
  }
}
