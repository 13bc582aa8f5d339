package dev.raftpad.desktop.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.raftpad.document.op.Alignment;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.ImageBytes;
import dev.raftpad.document.op.Images;
import dev.raftpad.document.op.LineSpacing;
import dev.raftpad.document.op.ListKind;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Run;
import dev.raftpad.server.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFHyperlinkRun;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .docx and PDF export opened with POI and PDFBox, and imports of .docx, Markdown and text. */
class FileFormatsTest {
  @TempDir Path dir;

  private static final Attributes BOLD = Attributes.builder().bold(true).build();
  private static final String URL = "https://raftpad.dev/docs";

  private final Document doc =
      Document.empty()
          .apply(
              Operation.builder()
                  .insert("Report")
                  .insert("\n", Attributes.builder().heading(Heading.H1).build())
                  .insert("Some ")
                  .insert("bold", BOLD)
                  .insert(" words and a ")
                  .insert("link", Attributes.builder().link(URL).build())
                  .insert("\n", Attributes.builder().align(Alignment.CENTER).build())
                  .insert("apples")
                  .insert("\n", Attributes.builder().list(ListKind.BULLET).build())
                  .insert("pears")
                  .insert("\n", Attributes.builder().list(ListKind.BULLET).indent(1).build())
                  .insert("one")
                  .insert("\n", Attributes.builder().list(ListKind.NUMBERED).build())
                  .insert("two")
                  .insert("\n", Attributes.builder().list(ListKind.NUMBERED).build())
                  .insert("milk")
                  .insert("\n", Attributes.builder().list(ListKind.CHECKED).build())
                  .insert(
                      "Serif big",
                      Attributes.builder()
                          .fontFamily("serif")
                          .fontSize(18)
                          .highlight("#ffff00")
                          .color("#c0392b")
                          .build())
                  .insert("\n", Attributes.builder().lineSpacing(LineSpacing.ONE_HALF).build())
                  .insert("emoji 😀 and ünïcödé\n")
                  .build());

  @Test
  void docxKeepsHeadingsListsBoldRunsLinksAndLayout() throws IOException {
    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(docx(doc)))) {
      List<XWPFParagraph> p = docx.getParagraphs();

      assertThat(p)
          .extracting(XWPFParagraph::getText)
          .startsWith("Report", "Some bold words and a link");
      assertThat(p.get(0).getStyle()).isEqualTo("Heading1");
      assertThat(docx.getStyles().getStyle("Heading1").getName()).isEqualTo("heading 1");
      assertThat(p.get(1).getAlignment()).isEqualTo(ParagraphAlignment.CENTER);
      XWPFRun bold = p.get(1).getRuns().get(1);
      assertThat(bold.text()).isEqualTo("bold");
      assertThat(bold.isBold()).isTrue();
      assertThat(p.get(1).getRuns().getFirst().isBold()).isFalse();
      XWPFHyperlinkRun link = (XWPFHyperlinkRun) p.get(1).getRuns().get(3);
      assertThat(link.text()).isEqualTo("link");
      assertThat(link.getHyperlink(docx).getURL()).isEqualTo(URL);
      assertThat(p.get(2).getNumFmt()).isEqualTo("bullet");
      assertThat(p.get(3).getNumIlvl().intValue()).isEqualTo(1);
      assertThat(p.get(4).getNumFmt()).isEqualTo("decimal");
      assertThat(p.get(5).getNumID()).isEqualTo(p.get(4).getNumID());
      assertThat(p.get(6).getText()).isEqualTo("☒ milk");
      XWPFRun serif = p.get(7).getRuns().getFirst();
      assertThat(serif.getFontFamily()).isEqualTo("Times New Roman");
      assertThat(serif.getFontSizeAsDouble()).isEqualTo(18.0);
      assertThat(serif.getColor()).isEqualTo("C0392B");
      assertThat(p.get(7).getSpacingBetween()).isEqualTo(1.5);
    }
  }

  @Test
  void aDocxRoundTripsThroughTheImporter() throws IOException {
    Document back = Document.fromContent(DocxImporter.read(new ByteArrayInputStream(docx(doc))));

    assertThat(back.runs()).containsExactlyElementsOf(doc.runs());
  }

  @Test
  void aDocxWrittenByWordStyleCodeImportsHeadingBoldAndText() throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (XWPFDocument word = new XWPFDocument()) {
      XWPFParagraph title = word.createParagraph();
      title.setStyle("Heading2");
      title.createRun().setText("Minutes");
      XWPFParagraph body = word.createParagraph();
      body.createRun().setText("Decided: ");
      XWPFRun strong = body.createRun();
      strong.setText("ship it");
      strong.setBold(true);
      strong.setFontFamily("Calibri"); // says nothing: no family is set
      word.write(bytes);
    }

    Document imported =
        Document.fromContent(DocxImporter.read(new ByteArrayInputStream(bytes.toByteArray())));

    assertThat(imported.runs())
        .containsExactly(
            new Run("Minutes", Attributes.NONE),
            new Run("\n", Attributes.builder().heading(Heading.H2).build()),
            new Run("Decided: ", Attributes.NONE),
            new Run("ship it", BOLD),
            new Run("\n", Attributes.NONE));
  }

  @Test
  void pdfHasTheTextListMarkersBoldFontsAndClickableLinks() throws IOException {
    Path file = dir.resolve("report.pdf");
    FileActions.write(doc, FileActions.BinaryFormat.PDF, file);

    try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
      FontsOfWords stripper = new FontsOfWords();
      String text = stripper.getText(pdf);

      assertThat(text)
          .contains("Report")
          .contains("Some bold words and a link")
          .contains("• apples")
          .contains("1. one")
          .contains("2. two")
          .contains("[x] milk")
          .contains("emoji ? and ünïcödé");
      assertThat(stripper.fontOf("Report")).isEqualTo("Helvetica-Bold");
      assertThat(stripper.fontOf("bold")).isEqualTo("Helvetica-Bold");
      assertThat(stripper.fontOf("Some")).isEqualTo("Helvetica");
      assertThat(stripper.fontOf("Serif")).isEqualTo("Times-Roman");
      List<String> links = new ArrayList<>();
      for (PDAnnotation a : pdf.getPage(0).getAnnotations()) {
        if (a instanceof PDAnnotationLink link && link.getAction() instanceof PDActionURI uri) {
          links.add(uri.getURI());
        }
      }
      assertThat(links).containsExactly(URL);
    }
  }

  @Test
  void aLongDocumentFlowsOntoMorePdfPages() throws IOException {
    Document longDoc =
        Document.of("A line of text that is long enough to wrap once or so.\n".repeat(200));
    Path file = dir.resolve("long.pdf");
    FileActions.write(longDoc, FileActions.BinaryFormat.PDF, file);

    try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
      assertThat(pdf.getNumberOfPages()).isGreaterThan(2);
      assertThat(new PDFTextStripper().getText(pdf).split("A line of text", -1)).hasSize(201);
    }
  }

  @Test
  void markdownImportReadsWhatMarkdownExportWrites() {
    String markdown = Exporter.markdown(doc);

    Document imported = Document.fromContent(MarkdownImporter.read(markdown));

    // Markdown has no fonts, sizes, colours, alignment or spacing: those are the differences.
    assertThat(imported.text()).isEqualTo(doc.text());
    assertThat(imported.runs())
        .contains(
            new Run("\n", Attributes.builder().heading(Heading.H1).build()),
            new Run("bold", BOLD),
            new Run("link", Attributes.builder().link(URL).build()),
            new Run("\n", Attributes.builder().list(ListKind.BULLET).indent(1).build()),
            new Run("\n", Attributes.builder().list(ListKind.CHECKED).build()),
            new Run("Serif big", Attributes.builder().highlight("#ffff00").build()));
  }

  @Test
  void markdownImportReadsCommonSyntax() {
    Document imported =
        Document.fromContent(
            MarkdownImporter.read(
                "## Plan\n1. *first* ~~step~~\n- [ ] todo\n> quoted `code`\n```\nx = 1\n```\na_b * c\n"));

    assertThat(imported.text()).isEqualTo("Plan\nfirst step\ntodo\nquoted code\nx = 1\na_b * c\n");
    assertThat(imported.runs())
        .contains(
            new Run("\n", Attributes.builder().heading(Heading.H2).build()),
            new Run("first", Attributes.builder().italic(true).build()),
            new Run("step", Attributes.builder().strikethrough(true).build()),
            new Run("\n", Attributes.builder().list(ListKind.UNCHECKED).build()),
            new Run("code", Attributes.builder().code(true).build()),
            new Run("\n", Attributes.builder().codeBlock(true).build()));
  }

  @Test
  void plainTextImportNormalisesLineEndsAndDropsWhatTheServerRefuses() throws IOException {
    Path file = dir.resolve("notes.txt");
    Files.writeString(file, "\uFEFFone\r\ntwo\u0007\rthree\tend");

    FileActions.Imported imported = FileActions.read(file);

    assertThat(imported.title()).isEqualTo("notes");
    assertThat(Document.fromContent(imported.content()).text()).isEqualTo("one\ntwo\nthree\tend");
  }

  /** "Before", an image wider than the page, " after"; and the image's bytes for the export. */
  private static final byte[] WIDE_PNG = TestImages.png(1200, 300, java.awt.Color.MAGENTA);

  private static final String WIDE_ID = ImageBytes.idOf(WIDE_PNG);

  private static final DocumentPictures PICTURES =
      new DocumentPictures(
          java.util.Map.of(WIDE_ID, new DocumentPictures.Picture("image/png", WIDE_PNG)));

  private static Document withImage(int images) {
    var builder = Operation.builder().insert("Before ");
    for (int i = 0; i < images; i++) {
      builder.insert(Images.CHARACTER, Attributes.builder().image(WIDE_ID).build());
    }
    return Document.empty().apply(builder.insert(" after\n").build());
  }

  @Test
  void aDocxHoldsTheImageAsAPictureScaledToThePageWidthAndAnImportKeepsIt() throws IOException {
    Path file = dir.resolve("pictures.docx");

    FileActions.write(withImage(1), FileActions.BinaryFormat.DOCX, file, PICTURES);

    try (XWPFDocument docx = new XWPFDocument(Files.newInputStream(file))) {
      assertThat(docx.getAllPictures())
          .singleElement()
          .satisfies(p -> assertThat(p.getData()).isEqualTo(WIDE_PNG));
      XWPFParagraph first = docx.getParagraphs().getFirst();
      var picture =
          first.getRuns().stream()
              .flatMap(r -> r.getEmbeddedPictures().stream())
              .findFirst()
              .orElseThrow();
      // 1200 px is 900 pt: scaled to the text width, proportions kept.
      assertThat(picture.getWidth()).isCloseTo(DocxExporter.TEXT_WIDTH_POINTS, within(1.0));
      assertThat(picture.getDepth()).isCloseTo(DocxExporter.TEXT_WIDTH_POINTS / 4, within(1.0));
      assertThat(first.getText()).startsWith("Before").endsWith("after");
    }
    // And back: an import keeps the picture, to add to the new document's store.
    var pictures = new java.util.HashMap<String, DocumentPictures.Picture>();
    try (var in = Files.newInputStream(file)) {
      assertThat(Document.fromContent(DocxImporter.read(in, pictures))).isEqualTo(withImage(1));
    }
    assertThat(pictures.get(WIDE_ID).bytes()).isEqualTo(WIDE_PNG);
  }

  @Test
  void aPdfDrawsEachImageScaledToTheTextWidthAndBreaksPagesAroundThem() throws IOException {
    Path file = dir.resolve("pictures.pdf");

    // Six images a quarter of the text width high: they do not fit one page.
    FileActions.write(withImage(6), FileActions.BinaryFormat.PDF, file, PICTURES);

    try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
      assertThat(pdf.getNumberOfPages()).isEqualTo(2);
      List<PDImageXObject> images = new ArrayList<>();
      for (var page : pdf.getPages()) {
        for (var name : page.getResources().getXObjectNames()) {
          if (page.getResources().getXObject(name) instanceof PDImageXObject image) {
            images.add(image);
          }
        }
      }
      assertThat(images).isNotEmpty();
      assertThat(images).allSatisfy(i -> assertThat(i.getWidth()).isEqualTo(1200));
      assertThat(images).allSatisfy(i -> assertThat(i.getHeight()).isEqualTo(300));
      String text = new PDFTextStripper().getText(pdf);
      assertThat(text).contains("Before").contains("after");
    }
  }

  @Test
  void markdownWritesTheImagesBesideItAndLinksThemAndHtmlEmbedsThem() throws IOException {
    Path markdown = dir.resolve("My notes.md");
    Path html = dir.resolve("notes.html");

    FileActions.write(withImage(1), Exporter.Format.MARKDOWN, markdown, PICTURES);
    FileActions.write(withImage(1), Exporter.Format.HTML, html, PICTURES);

    String link = "My_notes_images/" + WIDE_ID + ".png";
    assertThat(Files.readString(markdown)).isEqualTo("Before ![image](" + link + ") after\n");
    assertThat(dir.resolve(link)).hasBinaryContent(WIDE_PNG);
    assertThat(Files.readString(html))
        .contains(
            "Before <img src=\"data:image/png;base64,"
                + java.util.Base64.getEncoder().encodeToString(WIDE_PNG)
                + "\" alt=\"image\"");
    assertThat(Exporter.export(withImage(1), Exporter.Format.HTML))
        .as("without the bytes, a placeholder")
        .contains("Before [image] after");
  }

  private static byte[] docx(Document document) throws IOException {
    var out = new ByteArrayOutputStream();
    DocxExporter.write(document, out);
    return out.toByteArray();
  }

  /** A text stripper that also remembers the font each word was drawn with. */
  private static final class FontsOfWords extends PDFTextStripper {
    private final java.util.Map<String, String> fonts = new java.util.HashMap<>();

    @Override
    protected void writeString(String text, List<TextPosition> positions) throws IOException {
      fonts.putIfAbsent(text.strip(), positions.getFirst().getFont().getName());
      for (String word : text.strip().split(" ", -1)) {
        int at = text.indexOf(word);
        if (!word.isEmpty() && at >= 0 && at < positions.size()) {
          fonts.putIfAbsent(word, positions.get(at).getFont().getName());
        }
      }
      super.writeString(text, positions);
    }

    String fontOf(String word) {
      return fonts.get(word);
    }
  }
}
