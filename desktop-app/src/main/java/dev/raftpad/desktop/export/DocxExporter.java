package dev.raftpad.desktop.export;

import dev.raftpad.desktop.export.Exporter.Line;
import dev.raftpad.document.op.Alignment;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.ImageBytes;
import dev.raftpad.document.op.LineSpacing;
import dev.raftpad.document.op.ListKind;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Run;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.util.Locale;
import org.apache.poi.common.usermodel.PictureType;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.util.Units;
import org.apache.poi.xwpf.usermodel.LineSpacingRule;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.UnderlinePatterns;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTShd;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STNumberFormat;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STShd;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * Writes a document as a Word .docx (Apache POI): headings as Word's Heading 1-3 styles, bulleted
 * and numbered lists as real Word lists (nine levels, for the indent), inline formatting, links,
 * fonts, sizes, colours, highlight, alignment, spacing and indents. Checklist items become "☐"/"☒"
 * paragraphs: Word's checkbox content controls are beyond what this model needs to round-trip.
 * Images are inline pictures scaled down to the page's text width.
 */
public final class DocxExporter {
  private DocxExporter() {}

  /** Word measures indents in twentieths of a point; one level is half an inch. */
  static final int INDENT_TWIPS = 720;

  /** Heading sizes in points, as Word's defaults roughly are. */
  private static final int[] HEADING_POINTS = {0, 20, 16, 13};

  /** The text width of an A4 page with Word's default margins of an inch, in points. */
  static final float TEXT_WIDTH_POINTS = 451;

  /** The text height of that page, in points. */
  static final float TEXT_HEIGHT_POINTS = 698;

  public static void write(Document document, OutputStream out) throws IOException {
    write(document, DocumentPictures.NONE, out);
  }

  /** Writes the document with its images as pictures, each sized to fit the page's text width. */
  public static void write(Document document, DocumentPictures pictures, OutputStream out)
      throws IOException {
    try (XWPFDocument docx = new XWPFDocument()) {
      addHeadingStyles(docx);
      XWPFNumbering numbering = docx.createNumbering();
      int lists = 0;
      BigInteger bullets = numbering.addNum(numbering.addAbstractNum(list(lists++, false)));
      BigInteger numbers = null;
      ListKind previous = ListKind.NONE;
      for (Line line : Exporter.lines(document)) {
        Attributes b = line.block();
        ListKind list = b.list() == null ? ListKind.NONE : b.list();
        XWPFParagraph p = docx.createParagraph();
        if (b.heading() != null && b.heading() != Heading.NONE) {
          p.setStyle("Heading" + level(b.heading()));
        }
        int indent = b.indent() == null ? 0 : b.indent();
        if (list == ListKind.BULLET || list == ListKind.NUMBERED) {
          if (list == ListKind.NUMBERED && (numbers == null || previous != ListKind.NUMBERED)) {
            // Each run of numbered lines counts from 1, as in the editor.
            numbers = numbering.addNum(numbering.addAbstractNum(list(lists++, true)));
          }
          p.setNumID(list == ListKind.BULLET ? bullets : numbers);
          p.setNumILvl(BigInteger.valueOf(indent));
        } else if (indent > 0) {
          p.setIndentationLeft(indent * INDENT_TWIPS);
        }
        if (list.isChecklist()) {
          p.createRun().setText(list == ListKind.CHECKED ? "☒ " : "☐ ");
        }
        layout(p, b);
        for (Run run : line.runs()) {
          String image = DocumentPictures.imageOf(run);
          if (image == null) {
            write(p, run);
          } else {
            picture(p, run, pictures.get(image));
          }
        }
        previous = list;
      }
      docx.write(out);
    }
  }

  /**
   * One inline picture per image character of the run; "[image]" for one whose bytes are missing.
   */
  private static void picture(
      XWPFParagraph p, Run run, java.util.Optional<DocumentPictures.Picture> picture)
      throws IOException {
    int count = run.text().codePointCount(0, run.text().length());
    for (int i = 0; i < count; i++) {
      XWPFRun r = p.createRun();
      if (picture.isEmpty()) {
        r.setText(DocumentPictures.MISSING);
        continue;
      }
      byte[] bytes = picture.get().bytes();
      PictureSizes size = PictureSizes.natural(bytes).fit(TEXT_WIDTH_POINTS, TEXT_HEIGHT_POINTS);
      try {
        r.addPicture(
            new ByteArrayInputStream(bytes),
            pictureType(picture.get().mediaType()),
            run.attributes().image() + "." + picture.get().extension(),
            Units.toEMU(size.width()),
            Units.toEMU(size.height()));
      } catch (InvalidFormatException e) {
        throw new IOException("cannot embed image " + run.attributes().image(), e);
      }
    }
  }

  private static PictureType pictureType(String mediaType) {
    return switch (mediaType) {
      case ImageBytes.JPEG -> PictureType.JPEG;
      case ImageBytes.GIF -> PictureType.GIF;
      default -> PictureType.PNG;
    };
  }

  private static void layout(XWPFParagraph p, Attributes b) {
    if (b.align() != null && b.align() != Alignment.NONE) {
      p.setAlignment(
          switch (b.align()) {
            case CENTER -> ParagraphAlignment.CENTER;
            case RIGHT -> ParagraphAlignment.RIGHT;
            case JUSTIFY -> ParagraphAlignment.BOTH;
            case LEFT, NONE -> ParagraphAlignment.LEFT;
          });
    }
    if (b.lineSpacing() != null && b.lineSpacing() != LineSpacing.NONE) {
      p.setSpacingBetween(b.lineSpacing().factor(), LineSpacingRule.AUTO);
    }
  }

  private static void write(XWPFParagraph p, Run run) {
    Attributes a = run.attributes();
    XWPFRun r = present(a.link()) ? p.createHyperlinkRun(a.link()) : p.createRun();
    r.setText(run.text());
    r.setBold(is(a.bold()));
    r.setItalic(is(a.italic()));
    if (is(a.underline()) || present(a.link())) {
      r.setUnderline(UnderlinePatterns.SINGLE);
    }
    r.setStrikeThrough(is(a.strikethrough()));
    if (is(a.code())) {
      r.setFontFamily("Courier New");
    } else if (present(a.fontFamily())) {
      r.setFontFamily(FontNames.docx(a.fontFamily()));
    }
    if (a.fontSize() != null && a.fontSize() > 0) {
      r.setFontSize(a.fontSize());
    }
    if (present(a.link())) {
      r.setColor("0563C1");
    } else if (present(a.color())) {
      r.setColor(a.color().substring(1).toUpperCase(Locale.ROOT));
    }
    if (present(a.highlight())) {
      // Word's highlight takes named colours only; shading takes any.
      CTRPr rpr = r.getCTR().isSetRPr() ? r.getCTR().getRPr() : r.getCTR().addNewRPr();
      CTShd shd = rpr.addNewShd();
      shd.setVal(STShd.CLEAR);
      shd.setColor("auto");
      shd.setFill(a.highlight().substring(1).toUpperCase(Locale.ROOT));
    }
  }

  /** Word's "Heading 1..3" styles, so Word's outline and navigation pane see the headings. */
  private static void addHeadingStyles(XWPFDocument docx) {
    XWPFStyles styles = docx.createStyles();
    for (int level = 1; level <= 3; level++) {
      CTStyle ct = CTStyle.Factory.newInstance();
      ct.setStyleId("Heading" + level);
      ct.addNewName().setVal("heading " + level);
      ct.setType(STStyleType.PARAGRAPH);
      ct.addNewBasedOn().setVal("Normal");
      ct.addNewPPr().addNewOutlineLvl().setVal(BigInteger.valueOf(level - 1L));
      // Bold and larger in the style, not on the runs, so an import reads the runs unformatted.
      CTRPr look = ct.addNewRPr();
      look.addNewB();
      look.addNewSz().setVal(BigInteger.valueOf(HEADING_POINTS[level] * 2L));
      XWPFStyle style = new XWPFStyle(ct, styles);
      style.setType(STStyleType.PARAGRAPH);
      styles.addStyle(style);
    }
  }

  /** A list definition with nine levels: bullets, or decimal numbers. */
  private static XWPFAbstractNum list(int id, boolean numbered) {
    CTAbstractNum abs = CTAbstractNum.Factory.newInstance();
    abs.setAbstractNumId(BigInteger.valueOf(id));
    for (int level = 0; level <= 8; level++) {
      CTLvl lvl = abs.addNewLvl();
      lvl.setIlvl(BigInteger.valueOf(level));
      lvl.addNewStart().setVal(BigInteger.ONE);
      lvl.addNewNumFmt().setVal(numbered ? STNumberFormat.DECIMAL : STNumberFormat.BULLET);
      lvl.addNewLvlText().setVal(numbered ? "%" + (level + 1) + "." : "•");
      var ind = lvl.addNewPPr().addNewInd();
      ind.setLeft(BigInteger.valueOf((level + 1L) * INDENT_TWIPS));
      ind.setHanging(BigInteger.valueOf(360));
    }
    return new XWPFAbstractNum(abs);
  }

  static int level(Heading heading) {
    return switch (heading) {
      case H1 -> 1;
      case H2 -> 2;
      case H3 -> 3;
      case NONE -> 0;
    };
  }

  private static boolean present(String s) {
    return s != null && !s.isEmpty();
  }

  private static boolean is(Boolean b) {
    return Boolean.TRUE.equals(b);
  }
}
