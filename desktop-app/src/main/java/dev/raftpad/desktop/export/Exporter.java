package dev.raftpad.desktop.export;

import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.ListKind;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Run;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a document as Markdown, HTML or plain text. Pure. HTML keeps every attribute (fonts,
 * colours and line layout as inline CSS, checklists as disabled checkboxes); Markdown has no syntax
 * for fonts, sizes, colours, alignment, spacing or a paragraph's indent and drops them, but keeps
 * checklists ({@code - [x]}), nested list indents and highlights ({@code <mark>}). Images: HTML
 * embeds them, Markdown links them to files written beside it ({@link FileActions}).
 */
public final class Exporter {
  private Exporter() {}

  /** The formats offered by the export menu. */
  public enum Format {
    MARKDOWN("md"),
    HTML("html"),
    PLAIN_TEXT("txt");

    private final String extension;

    Format(String extension) {
      this.extension = extension;
    }

    public String extension() {
      return extension;
    }
  }

  /** {@link #export(Document, Format, DocumentPictures, String)} without images' bytes. */
  public static String export(Document document, Format format) {
    return export(document, format, DocumentPictures.NONE, IMAGE_FOLDER);
  }

  /** Where Markdown links images when no file name says otherwise. */
  static final String IMAGE_FOLDER = "images";

  /**
   * The document as text in {@code format}. Images: HTML embeds them (data URIs), Markdown links
   * each to {@code imageFolder/ID.EXT} (the caller writes the files, {@link FileActions}), plain
   * text keeps their character.
   */
  public static String export(
      Document document, Format format, DocumentPictures pictures, String imageFolder) {
    return switch (format) {
      case MARKDOWN -> markdown(document, pictures, imageFolder);
      case HTML -> html(document, pictures);
      case PLAIN_TEXT -> document.text();
    };
  }

  /** A line: its runs (without the line end) and the attributes of its line end. */
  record Line(List<Run> runs, Attributes block) {}

  static List<Line> lines(Document document) {
    List<Line> lines = new ArrayList<>();
    List<Run> current = new ArrayList<>();
    for (Run run : document.runs()) {
      String text = run.text();
      int start = 0;
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          if (i > start) {
            current.add(new Run(text.substring(start, i), run.attributes()));
          }
          lines.add(new Line(current, run.attributes()));
          current = new ArrayList<>();
          start = i + 1;
        }
      }
      if (start < text.length()) {
        current.add(new Run(text.substring(start), run.attributes()));
      }
    }
    if (!current.isEmpty()) {
      lines.add(new Line(current, Attributes.NONE));
    }
    return lines;
  }

  public static String markdown(Document document) {
    return markdown(document, DocumentPictures.NONE, IMAGE_FOLDER);
  }

  static String markdown(Document document, DocumentPictures pictures, String imageFolder) {
    StringBuilder out = new StringBuilder();
    int number = 0;
    for (Line line : lines(document)) {
      Attributes b = line.block();
      number = b.list() == ListKind.NUMBERED ? number + 1 : 0;
      if (Boolean.TRUE.equals(b.quote())) {
        out.append("> ");
      }
      if (b.heading() != null && b.heading() != Heading.NONE) {
        out.append("#".repeat(level(b.heading()))).append(' ');
      }
      if (b.list() != null && b.list() != ListKind.NONE) {
        int level = b.indent() == null ? 0 : b.indent();
        // Nested list items: indented by the width of their parent's marker.
        out.append((b.list() == ListKind.NUMBERED ? "   " : "  ").repeat(level));
      }
      switch (b.list() == null ? ListKind.NONE : b.list()) {
        case BULLET -> out.append("- ");
        case NUMBERED -> out.append(number).append(". ");
        case UNCHECKED -> out.append("- [ ] ");
        case CHECKED -> out.append("- [x] ");
        case NONE -> {}
      }
      boolean codeBlock = is(b.codeBlock());
      if (codeBlock) {
        out.append("    ");
      }
      for (Run run : line.runs()) {
        String image = DocumentPictures.imageOf(run);
        if (image != null) {
          out.append(markdownImages(run, pictures.get(image), imageFolder));
        } else {
          out.append(codeBlock ? run.text() : markdownRun(run));
        }
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** One {@code ![image](folder/id.ext)} per image character of the run. */
  private static String markdownImages(
      Run run, java.util.Optional<DocumentPictures.Picture> picture, String folder) {
    String one =
        picture
            .map(
                p ->
                    "![image]("
                        + folder
                        + "/"
                        + run.attributes().image()
                        + "."
                        + p.extension()
                        + ")")
            .orElse(DocumentPictures.MISSING);
    return one.repeat(run.text().codePointCount(0, run.text().length()));
  }

  private static String markdownRun(Run run) {
    Attributes a = run.attributes();
    String text = run.text();
    if (is(a.code())) {
      text = "`" + text + "`";
    } else {
      text = text.replace("*", "\\*").replace("_", "\\_");
    }
    if (is(a.bold())) {
      text = "**" + text + "**";
    }
    if (is(a.italic())) {
      text = "*" + text + "*";
    }
    if (is(a.strikethrough())) {
      text = "~~" + text + "~~";
    }
    if (is(a.underline())) {
      text = "<u>" + text + "</u>";
    }
    if (a.highlight() != null && !a.highlight().isEmpty()) {
      text = "<mark>" + text + "</mark>";
    }
    if (a.link() != null && !a.link().isEmpty()) {
      text = "[" + text + "](" + a.link() + ")";
    }
    return text;
  }

  public static String html(Document document) {
    return html(document, DocumentPictures.NONE);
  }

  /** The document as HTML with its images embedded (data URIs) from {@code pictures}. */
  public static String html(Document document, DocumentPictures pictures) {
    StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html><body>\n");
    HtmlList openList = HtmlList.NONE;
    for (Line line : lines(document)) {
      Attributes b = line.block();
      HtmlList list = HtmlList.of(b.list());
      if (list != openList) {
        out.append(openList.close());
        out.append(list.open());
        openList = list;
      }
      String tag = blockTag(b);
      out.append('<').append(tag).append(HtmlStyles.attribute(HtmlStyles.block(b))).append('>');
      if (b.list() != null && b.list().isChecklist()) {
        out.append("<input type=\"checkbox\" disabled")
            .append(b.list() == ListKind.CHECKED ? " checked" : "")
            .append("> ");
      }
      for (Run run : line.runs()) {
        String image = DocumentPictures.imageOf(run);
        out.append(image != null ? htmlImages(run, pictures.get(image)) : htmlRun(run));
      }
      out.append("</").append(tag).append(">\n");
    }
    out.append(openList.close());
    return out.append("</body></html>\n").toString();
  }

  /** The HTML list a line belongs to: both checklist states share one list. */
  private enum HtmlList {
    NONE("", ""),
    BULLETS("<ul>\n", "</ul>\n"),
    NUMBERS("<ol>\n", "</ol>\n"),
    CHECKLIST("<ul style=\"list-style:none\">\n", "</ul>\n");

    private final String open;
    private final String close;

    HtmlList(String open, String close) {
      this.open = open;
      this.close = close;
    }

    static HtmlList of(ListKind kind) {
      return switch (kind == null ? ListKind.NONE : kind) {
        case NONE -> NONE;
        case BULLET -> BULLETS;
        case NUMBERED -> NUMBERS;
        case UNCHECKED, CHECKED -> CHECKLIST;
      };
    }

    String open() {
      return open;
    }

    String close() {
      return close;
    }
  }

  private static String blockTag(Attributes b) {
    if (b.list() != null && b.list() != ListKind.NONE) {
      return "li";
    }
    if (b.heading() != null && b.heading() != Heading.NONE) {
      return "h" + level(b.heading());
    }
    if (is(b.quote())) {
      return "blockquote";
    }
    if (is(b.codeBlock())) {
      return "pre";
    }
    return "p";
  }

  /** One {@code <img>} per image character of the run, its bytes inline as a data URI. */
  private static String htmlImages(Run run, java.util.Optional<DocumentPictures.Picture> picture) {
    String one =
        picture
            .map(
                p ->
                    "<img src=\"data:"
                        + p.mediaType()
                        + ";base64,"
                        + java.util.Base64.getEncoder().encodeToString(p.bytes())
                        + "\" alt=\"image\" style=\"max-width:100%\">")
            .orElse(DocumentPictures.MISSING);
    return one.repeat(run.text().codePointCount(0, run.text().length()));
  }

  private static String htmlRun(Run run) {
    Attributes a = run.attributes();
    String text = escape(run.text());
    if (is(a.code())) {
      text = "<code>" + text + "</code>";
    }
    if (is(a.bold())) {
      text = "<strong>" + text + "</strong>";
    }
    if (is(a.italic())) {
      text = "<em>" + text + "</em>";
    }
    if (is(a.underline())) {
      text = "<u>" + text + "</u>";
    }
    if (is(a.strikethrough())) {
      text = "<s>" + text + "</s>";
    }
    if (a.link() != null && !a.link().isEmpty()) {
      text = "<a href=\"" + escape(a.link()) + "\">" + text + "</a>";
    }
    String css = HtmlStyles.inline(a);
    if (!css.isEmpty()) {
      text = "<span" + HtmlStyles.attribute(css) + ">" + text + "</span>";
    }
    return text;
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static int level(Heading heading) {
    return switch (heading) {
      case H1 -> 1;
      case H2 -> 2;
      case H3 -> 3;
      case NONE -> 0;
    };
  }

  private static boolean is(Boolean b) {
    return Boolean.TRUE.equals(b);
  }
}
