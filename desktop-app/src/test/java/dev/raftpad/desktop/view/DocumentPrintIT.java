package dev.raftpad.desktop.view;

import static dev.raftpad.desktop.view.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.OperationBuilder;
import dev.raftpad.document.text.Document;
import dev.raftpad.testkit.Await;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javafx.print.PageLayout;
import javafx.print.Printer;
import javafx.print.PrinterJob;
import javafx.scene.Node;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * Printing for real: a document through JavaFX's print pipeline to the system's default printer,
 * CUPS's PDF printer (cups-pdf), and the PDF it wrote read back with PDFBox. The UI tests check the
 * pagination and the no-printer notice; this is the path to paper.
 *
 * <p>Needs a default printer that writes PDFs into {@code raftpad.print.pdfDir} (default {@code
 * ~/PDF}, cups-pdf's); skipped without a printer. {@code .ci/run}'s installer step sets one up
 * (cups, printer-driver-cups-pdf) and runs it.
 */
class DocumentPrintIT {
  private static final int PARAGRAPHS = 80;

  /** Enough to keep a line's descenders apart from the next line's ascenders. */
  private static final int DPI = 150;

  @Test
  void aDocumentPrintsAsThePageViewLaysItOutPageAfterPage() throws Exception {
    FxToolkit.registerPrimaryStage();
    Printer printer = fx(Printer::getDefaultPrinter);
    assumeTrue(
        printer != null, "no printer is set up (apt-get install cups printer-driver-cups-pdf)");
    Path out =
        Path.of(
            System.getProperty("raftpad.print.pdfDir", System.getProperty("user.home") + "/PDF"));
    long started = System.currentTimeMillis();

    Document document = Document.fromContent(content());
    PrinterJob job = fx(() -> PrinterJob.createPrinterJob(printer));
    PageLayout layout = fx(() -> job.getJobSettings().getPageLayout());
    List<Node> pages = fx(() -> DocumentPrint.pages(document, layout));
    assertThat(pages).as("the document needs more than one page").hasSizeGreaterThan(1);

    assertThat(DocumentPrint.send(job, layout, pages)).as("the printer took every page").isTrue();

    // Printers take raster images of JavaFX pages, so the lines are counted as bands of ink.
    Path pdf = awaitPdf(out, started);
    try (PDDocument printed = Loader.loadPDF(pdf.toFile())) {
      assertThat(printed.getNumberOfPages()).isEqualTo(pages.size());
      PDFRenderer renderer = new PDFRenderer(printed);
      List<List<Integer>> bands = new ArrayList<>();
      for (int page = 0; page < printed.getNumberOfPages(); page++) {
        bands.add(inkBands(renderer.renderImageWithDPI(page, DPI, ImageType.GRAY)));
      }
      assertThat(bands).as("ink on every page").allMatch(page -> !page.isEmpty());
      // Every line once: none lost or printed twice where a page ends.
      assertThat(bands.stream().mapToInt(List::size).sum())
          .as("lines printed, page by page: " + bands)
          .isEqualTo(PARAGRAPHS + 1);
      List<Integer> first = bands.get(0);
      assertThat(first.get(0)).as("the heading is taller than a line").isGreaterThan(first.get(1));
    }
  }

  /**
   * The heights, top to bottom, of the runs of rows that have ink (a pixel darker than mid-grey).
   */
  private static List<Integer> inkBands(BufferedImage page) {
    List<Integer> bands = new ArrayList<>();
    int run = 0;
    for (int y = 0; y < page.getHeight(); y++) {
      boolean ink = false;
      for (int x = 0; x < page.getWidth() && !ink; x++) {
        ink = (page.getRGB(x, y) & 0xff) < 128;
      }
      if (ink) {
        run++;
      } else if (run > 0) {
        bands.add(run);
        run = 0;
      }
    }
    if (run > 0) {
      bands.add(run);
    }
    return bands;
  }

  /** A heading and {@link #PARAGRAPHS} numbered paragraphs, one with a bold run. */
  private static Operation content() {
    OperationBuilder content =
        Operation.builder()
            .insert("Printed for real")
            .insert("\n", Attributes.builder().heading(Heading.H1).build());
    for (int i = 1; i <= PARAGRAPHS; i++) {
      content
          .insert("Paragraph " + i + ": ")
          .insert("every line", Attributes.builder().bold(true).build())
          .insert(" reaches the paper in the page view's layout.\n");
    }
    return content.build();
  }

  /** The first PDF written into {@code dir} since {@code since}, once it is complete. */
  private static Path awaitPdf(Path dir, long since) {
    return Await.value(
        "a whole PDF in " + dir,
        Duration.ofMinutes(2),
        () -> newest(dir, since).filter(DocumentPrintIT::readable).orElse(null));
  }

  private static Optional<Path> newest(Path dir, long since) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".pdf"))
          .filter(f -> f.toFile().lastModified() >= since - 1000)
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the PDF is whole: cups-pdf writes it in place. */
  private static boolean readable(Path pdf) {
    try (PDDocument unused = Loader.loadPDF(pdf.toFile())) {
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }
}
