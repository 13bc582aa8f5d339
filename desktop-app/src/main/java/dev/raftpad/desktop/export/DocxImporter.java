package dev.raftpad.desktop.export;

import dev.raftpad.document.op.Alignment;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.FormatValues;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.ImageBytes;
import dev.raftpad.document.op.Images;
import dev.raftpad.document.op.LineSpacing;
import dev.raftpad.document.op.ListKind;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.OperationBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.IRunElement;
import org.apache.poi.xwpf.usermodel.UnderlinePatterns;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFHyperlink;
import org.apache.poi.xwpf.usermodel.XWPFHyperlinkRun;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFPicture;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * Reads a Word .docx (Apache POI) as the content of a new document: Heading 1-3 styles, Word lists
 * (bulleted or numbered, their level as the indent), our own "☐"/"☒" checklist paragraphs,
 * alignment, spacing, indents, and the runs' bold, italic, underline, strikethrough, links, colour,
 * highlight (shading), font and size where they fall in the allowed sets. Table cells become
 * paragraphs; images and other objects are skipped.
 */
public final class DocxImporter {
  private DocxImporter() {}

  private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{6}");
  private static final Pattern WEB_LINK = Pattern.compile("(?i)(https?://|mailto:)\\S+");

  public static Operation read(InputStream in) throws IOException {
    return read(in, new java.util.HashMap<>());
  }

  /**
   * Reads the document; its pictures that are PNG, JPEG or GIF become image characters whose bytes
   * are put into {@code pictures} by id (to add to the new document's store before the text that
   * names them). Other pictures are left out.
   */
  static Operation read(InputStream in, Map<String, DocumentPictures.Picture> pictures)
      throws IOException {
    try (XWPFDocument docx = new XWPFDocument(in)) {
      OperationBuilder b = Operation.builder();
      for (IBodyElement element : docx.getBodyElements()) {
        if (element instanceof XWPFParagraph p) {
          paragraph(docx, p, b, pictures);
        } else if (element instanceof XWPFTable table) {
          for (XWPFTableRow row : table.getRows()) {
            for (XWPFTableCell cell : row.getTableCells()) {
              for (XWPFParagraph p : cell.getParagraphs()) {
                paragraph(docx, p, b, pictures);
              }
            }
          }
        }
      }
      return b.build();
    }
  }

  private static void paragraph(
      XWPFDocument docx,
      XWPFParagraph p,
      OperationBuilder b,
      Map<String, DocumentPictures.Picture> pictures) {
    Attributes.Builder block = Attributes.builder();
    ListKind checklist = ListKind.NONE;
    boolean first = true;
    for (IRunElement element : p.getIRuns()) {
      if (!(element instanceof XWPFRun run)) {
        continue;
      }
      String text = clean(run.text());
      if (first && (text.startsWith("☐") || text.startsWith("☒"))) {
        // Our own export's checklist items.
        checklist = text.startsWith("☒") ? ListKind.CHECKED : ListKind.UNCHECKED;
        text = text.substring(1).stripLeading();
      }
      first = false;
      if (!text.isEmpty()) {
        b.insert(text, inline(docx, run));
      }
      for (XWPFPicture picture : run.getEmbeddedPictures()) {
        byte[] bytes =
            picture.getPictureData() == null ? new byte[0] : picture.getPictureData().getData();
        var mediaType = ImageBytes.mediaTypeOf(bytes);
        if (mediaType.isPresent()) {
          String id = ImageBytes.idOf(bytes);
          pictures.put(id, new DocumentPictures.Picture(mediaType.get(), bytes));
          b.insert(Images.CHARACTER, Attributes.builder().image(id).build());
        }
      }
    }
    String style = p.getStyle() == null ? "" : p.getStyle().toLowerCase(Locale.ROOT);
    if (style.matches("heading ?1|title")) {
      block.heading(Heading.H1);
    } else if (style.matches("heading ?2|subtitle")) {
      block.heading(Heading.H2);
    } else if (style.matches("heading ?[3-9]")) {
      block.heading(Heading.H3);
    }
    int indent = 0;
    if (checklist != ListKind.NONE) {
      block.list(checklist);
    } else if (p.getNumID() != null) {
      block.list("bullet".equals(p.getNumFmt()) ? ListKind.BULLET : ListKind.NUMBERED);
      indent = p.getNumIlvl() == null ? 0 : p.getNumIlvl().intValue();
    }
    if (p.getNumID() == null && p.getIndentationLeft() > 0) {
      indent = Math.round(p.getIndentationLeft() / (float) DocxExporter.INDENT_TWIPS);
    }
    if (indent > 0) {
      block.indent(Math.min(indent, FormatValues.MAX_INDENT));
    }
    switch (p.getAlignment()) {
      case CENTER -> block.align(Alignment.CENTER);
      case RIGHT, END -> block.align(Alignment.RIGHT);
      case BOTH, DISTRIBUTE -> block.align(Alignment.JUSTIFY);
      default -> {}
    }
    double spacing = p.getSpacingBetween();
    for (LineSpacing s : LineSpacing.values()) {
      if (s != LineSpacing.NONE
          && s != LineSpacing.SINGLE
          && Math.abs(s.factor() - spacing) < 0.01) {
        block.lineSpacing(s);
      }
    }
    b.insert("\n", block.build());
  }

  private static Attributes inline(XWPFDocument docx, XWPFRun run) {
    Attributes.Builder a = Attributes.builder();
    if (run.isBold()) {
      a.bold(true);
    }
    if (run.isItalic()) {
      a.italic(true);
    }
    if (run.isStrikeThrough()) {
      a.strikethrough(true);
    }
    String link = null;
    if (run instanceof XWPFHyperlinkRun h) {
      XWPFHyperlink target = h.getHyperlink(docx);
      if (target != null
          && target.getURL() != null
          && WEB_LINK.matcher(target.getURL()).matches()) {
        link = target.getURL();
        a.link(link);
      }
    }
    if (link == null && run.getUnderline() != UnderlinePatterns.NONE) {
      a.underline(true);
    }
    String color = run.getColor();
    if (link == null && color != null && HEX.matcher(color).matches() && !color.equals("000000")) {
      a.color("#" + color.toLowerCase(Locale.ROOT));
    }
    var rpr = run.getCTR().getRPr();
    if (rpr != null && rpr.sizeOfShdArray() > 0 && rpr.getShdArray(0).getFill() != null) {
      // The fill is "auto" or hex bytes once parsed: its lexical form is the hex either way.
      String fill = rpr.getShdArray(0).xgetFill().getStringValue();
      if (HEX.matcher(fill).matches()) {
        a.highlight("#" + fill.toLowerCase(Locale.ROOT));
      }
    }
    String family = FontNames.family(run.getFontFamily());
    if (!family.isEmpty()) {
      a.fontFamily(family);
    }
    Double size = run.getFontSizeAsDouble();
    if (size != null && FormatValues.FONT_SIZES.contains((int) Math.round(size))) {
      a.fontSize((int) Math.round(size));
    }
    return a.build();
  }

  /** Text fit for the document: no carriage returns, tabs kept. */
  private static String clean(String text) {
    return text == null ? "" : text.replace("\r", "");
  }
}
