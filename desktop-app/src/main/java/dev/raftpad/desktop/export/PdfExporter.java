package dev.raftpad.desktop.export;

import dev.raftpad.desktop.export.Exporter.Line;
import dev.raftpad.document.op.Alignment;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.LineSpacing;
import dev.raftpad.document.op.ListKind;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Run;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;

/**
 * Writes a document as an A4 PDF (Apache PDFBox) with the standard fonts, so no font file ships:
 * headings larger and bold, list markers, inline formatting, clickable links, fonts, sizes,
 * colours, highlight, alignment (justified lines are set flush left), line spacing and indents.
 * Characters the standard fonts cannot show (emoji, most non-Latin scripts) are written as "?".
 * Images are drawn on rows of their own, scaled to the text width.
 */
public final class PdfExporter {
  private static final float MARGIN = 56;
  private static final float BODY_POINTS = 11;
  private static final float INDENT_POINTS = 24;
  private static final float[] HEADING_POINTS = {0, 20, 16, 13};

  private final PDDocument pdf;
  private final DocumentPictures pictures;
  private final Map<FontName, PDType1Font> fonts = new HashMap<>();
  private final Map<String, PDImageXObject> images = new HashMap<>();
  private PDPage page;
  private PDPageContentStream content;
  private float y;

  private PdfExporter(PDDocument pdf, DocumentPictures pictures) {
    this.pdf = pdf;
    this.pictures = pictures;
  }

  public static void write(Document document, OutputStream out) throws IOException {
    write(document, DocumentPictures.NONE, out);
  }

  /**
   * Writes the document with its images, each on a row of its own, scaled down to the text width
   * (and to a page's height), on the next page when the rest of this one is too short.
   */
  public static void write(Document document, DocumentPictures pictures, OutputStream out)
      throws IOException {
    try (PDDocument pdf = new PDDocument()) {
      PdfExporter writer = new PdfExporter(pdf, pictures);
      writer.newPage();
      writer.lines(Exporter.lines(document));
      writer.content.close();
      pdf.save(out);
    }
  }

  /** A word or a space in one style, measured. */
  private record Piece(String text, Attributes style, PDType1Font font, float size, float width) {}

  private void lines(List<Line> lines) throws IOException {
    int number = 0;
    for (Line line : lines) {
      Attributes b = line.block();
      ListKind list = b.list() == null ? ListKind.NONE : b.list();
      number = list == ListKind.NUMBERED ? number + 1 : 0;
      float left = MARGIN + (b.indent() == null ? 0 : b.indent() * INDENT_POINTS);
      String marker =
          switch (list) {
            case BULLET -> "•";
            case NUMBERED -> number + ".";
            case UNCHECKED -> "[ ]";
            case CHECKED -> "[x]";
            case NONE -> "";
          };
      List<Piece> pieces = new ArrayList<>();
      float size = size(Attributes.NONE, b);
      boolean drewImage = false;
      for (Run run : line.runs()) {
        String image = DocumentPictures.imageOf(run);
        if (image != null && pictures.get(image).isPresent()) {
          // The text before it, then the image on a row of its own.
          if (!pieces.isEmpty()) {
            layout(pieces, left, size, b);
            pieces = new ArrayList<>();
          }
          for (int i = 0; i < run.text().codePointCount(0, run.text().length()); i++) {
            image(image, pictures.get(image).get(), left);
          }
          drewImage = true;
          continue;
        }
        String text = image != null ? DocumentPictures.MISSING : run.text();
        for (String word : wordsAndSpaces(text)) {
          pieces.add(piece(word, run.attributes(), b));
        }
      }
      if (drewImage && pieces.isEmpty()) {
        continue; // a line that was only images needs no empty row after them
      }
      if (!marker.isEmpty()) {
        left += 18;
        float height = lineHeight(pieces, size, b);
        ensureRoom(height);
        PDType1Font font = font(FontName.HELVETICA);
        text(left - 18, y - height, marker, font, BODY_POINTS, Color.BLACK);
      }
      layout(pieces, left, size, b);
    }
  }

  /** Draws an image at {@code left}, scaled down to the room between it and the right margin. */
  private void image(String id, DocumentPictures.Picture picture, float left) throws IOException {
    PDImageXObject xobject = images.get(id);
    if (xobject == null) {
      xobject = PDImageXObject.createFromByteArray(pdf, picture.bytes(), id);
      images.put(id, xobject); // one XObject per image, however often it is shown
    }
    float maxWidth = page.getMediaBox().getWidth() - MARGIN - left;
    float maxHeight = page.getMediaBox().getHeight() - 2 * MARGIN;
    PictureSizes size = PictureSizes.natural(picture.bytes()).fit(maxWidth, maxHeight);
    ensureRoom(size.height());
    y -= size.height();
    content.drawImage(xobject, left, y, size.width(), size.height());
    y -= BODY_POINTS * 0.25f;
  }

  /** Lays the pieces out in lines that fit between {@code left} and the right margin. */
  private void layout(List<Piece> pieces, float left, float size, Attributes b) throws IOException {
    float right = page.getMediaBox().getWidth() - MARGIN;
    List<Piece> row = new ArrayList<>();
    float width = 0;
    for (Piece piece : pieces) {
      if (!row.isEmpty() && width + piece.width() > right - left && !piece.text().isBlank()) {
        draw(row, left, right, width, size, b);
        row = new ArrayList<>();
        width = 0;
      }
      if (row.isEmpty() && piece.text().isBlank()) {
        continue;
      }
      row.add(piece);
      width += piece.width();
    }
    draw(row, left, right, width, size, b);
  }

  private void draw(List<Piece> row, float left, float right, float width, float size, Attributes b)
      throws IOException {
    float height = lineHeight(row, size, b);
    ensureRoom(height);
    float baseline = y - height;
    float x =
        switch (b.align() == null ? Alignment.NONE : b.align()) {
          case CENTER -> left + (right - left - width) / 2;
          case RIGHT -> right - width;
          case LEFT, JUSTIFY, NONE -> left;
        };
    for (Piece piece : row) {
      Attributes a = piece.style();
      if (present(a.highlight())) {
        content.setNonStrokingColor(Color.decode(a.highlight()));
        content.addRect(x, baseline - piece.size() * 0.25f, piece.width(), piece.size() * 1.15f);
        content.fill();
      }
      Color color =
          present(a.link())
              ? new Color(0x05, 0x63, 0xC1)
              : present(a.color()) ? Color.decode(a.color()) : Color.BLACK;
      text(x, baseline, piece.text(), piece.font(), piece.size(), color);
      if (is(a.underline()) || present(a.link())) {
        rule(x, baseline - 1.5f, piece.width(), color);
      }
      if (is(a.strikethrough())) {
        rule(x, baseline + piece.size() * 0.3f, piece.width(), color);
      }
      if (present(a.link())) {
        PDAnnotationLink link = new PDAnnotationLink();
        link.setRectangle(new PDRectangle(x, baseline - 2, piece.width(), piece.size() + 2));
        PDActionURI uri = new PDActionURI();
        uri.setURI(a.link());
        link.setAction(uri);
        page.getAnnotations().add(link);
      }
      x += piece.width();
    }
    y = baseline - height * 0.25f;
  }

  /** The text cut before and after every space, so spaces are pieces a line may break at. */
  static List<String> wordsAndSpaces(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == ' ') {
        if (i > start) {
          out.add(text.substring(start, i));
        }
        out.add(" ");
        start = i + 1;
      }
    }
    if (start < text.length()) {
      out.add(text.substring(start));
    }
    return out;
  }

  private float lineHeight(List<Piece> row, float size, Attributes b) {
    float tallest = size;
    for (Piece piece : row) {
      tallest = Math.max(tallest, piece.size());
    }
    double factor = b.lineSpacing() == null ? LineSpacing.NONE.factor() : b.lineSpacing().factor();
    return (float) (tallest * factor);
  }

  private void text(float x, float baseline, String text, PDType1Font font, float size, Color c)
      throws IOException {
    content.beginText();
    content.setFont(font, size);
    content.setNonStrokingColor(c);
    content.newLineAtOffset(x, baseline);
    content.showText(text);
    content.endText();
  }

  private void rule(float x, float at, float width, Color c) throws IOException {
    content.setStrokingColor(c);
    content.setLineWidth(0.6f);
    content.moveTo(x, at);
    content.lineTo(x + width, at);
    content.stroke();
  }

  private Piece piece(String text, Attributes a, Attributes block) throws IOException {
    PDType1Font font = font(fontName(a, block));
    String shown = showable(text, font);
    float size = size(a, block);
    return new Piece(shown, a, font, size, font.getStringWidth(shown) / 1000 * size);
  }

  private static float size(Attributes a, Attributes block) {
    if (block.heading() != null && block.heading() != Heading.NONE) {
      return HEADING_POINTS[DocxExporter.level(block.heading())];
    }
    return a.fontSize() != null && a.fontSize() > 0 ? a.fontSize() : BODY_POINTS;
  }

  /** The standard font for a run: its family (code as Courier), bold and italic. */
  private static FontName fontName(Attributes a, Attributes block) {
    boolean bold = is(a.bold()) || (block.heading() != null && block.heading() != Heading.NONE);
    boolean italic = is(a.italic()) || is(block.quote());
    String family = is(a.code()) || is(block.codeBlock()) ? "monospace" : a.fontFamily();
    if ("monospace".equals(family)) {
      return bold
          ? italic ? FontName.COURIER_BOLD_OBLIQUE : FontName.COURIER_BOLD
          : italic ? FontName.COURIER_OBLIQUE : FontName.COURIER;
    }
    if ("serif".equals(family)) {
      return bold
          ? italic ? FontName.TIMES_BOLD_ITALIC : FontName.TIMES_BOLD
          : italic ? FontName.TIMES_ITALIC : FontName.TIMES_ROMAN;
    }
    return bold
        ? italic ? FontName.HELVETICA_BOLD_OBLIQUE : FontName.HELVETICA_BOLD
        : italic ? FontName.HELVETICA_OBLIQUE : FontName.HELVETICA;
  }

  private PDType1Font font(FontName name) {
    return fonts.computeIfAbsent(name, PDType1Font::new);
  }

  /** {@code text} with every character the font cannot encode replaced by "?". */
  static String showable(String text, PDType1Font font) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .forEach(
            cp -> {
              String c = Character.toString(cp);
              try {
                var unused = font.encode(c);
                out.append(c);
              } catch (IOException | IllegalArgumentException e) {
                out.append('?');
              }
            });
    return out.toString();
  }

  private void ensureRoom(float height) throws IOException {
    if (y - height < MARGIN) {
      content.close();
      newPage();
    }
  }

  private void newPage() throws IOException {
    page = new PDPage(PDRectangle.A4);
    pdf.addPage(page);
    content = new PDPageContentStream(pdf, page);
    y = page.getMediaBox().getHeight() - MARGIN;
  }

  private static boolean present(String s) {
    return s != null && !s.isEmpty();
  }

  private static boolean is(Boolean b) {
    return Boolean.TRUE.equals(b);
  }
}
