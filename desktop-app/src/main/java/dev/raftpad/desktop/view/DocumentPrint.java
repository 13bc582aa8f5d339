package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.EditorViewModel;
import dev.raftpad.desktop.viewmodel.Notice;
import dev.raftpad.desktop.viewmodel.PrintPagination;
import dev.raftpad.document.text.Document;
import java.util.List;
import javafx.print.PageLayout;
import javafx.print.Printer;
import javafx.print.PrinterJob;
import javafx.scene.Node;
import javafx.stage.Window;

/**
 * File → Print… (Ctrl+P): the system's print dialog, then the document as the page view lays it out
 * ({@link PrintedDocument}), cut into pages ({@link PrintPagination}) and sent to the printer in
 * the background. Without a printer: one notification saying so, and nothing else.
 */
final class DocumentPrint {
  static final String NO_PRINTER = "No printer is set up";

  private DocumentPrint() {}

  static void print(EditorViewModel model, Window owner) {
    Printer printer = Printer.getDefaultPrinter();
    PrinterJob job = printer == null ? null : PrinterJob.createPrinterJob(printer);
    if (job == null) {
      model
          .notices()
          .accept(
              Notice.warning(
                  NO_PRINTER, "Add a printer in the system's settings, then print again."));
      return;
    }
    if (!job.showPrintDialog(owner)) {
      return; // cancelled in the dialog
    }
    PageLayout layout = job.getJobSettings().getPageLayout();
    List<Node> nodes = pages(model.document(), layout);
    String title = model.titleProperty().get();
    model
        .threads()
        .call(
            () -> send(job, layout, nodes),
            done ->
                model
                    .notices()
                    .accept(
                        done
                            ? Notice.info("Printed", "“" + title + "”: " + nodes.size() + " pages")
                            : Notice.error(
                                "Printing failed", "The printer did not take the pages.")),
            failure ->
                model.notices().accept(Notice.error("Printing failed", failure.getMessage())));
  }

  /**
   * The printed pages of {@code document} for {@code layout}: the page view's layout, scaled to the
   * printable width and cut into pages. On the FX thread (CSS and layout need it).
   */
  static List<Node> pages(Document document, PageLayout layout) {
    PrintedDocument printed = PrintedDocument.of(document);
    double scale = layout.getPrintableWidth() / printed.width();
    List<PrintPagination.Page> pages =
        PrintPagination.paginate(printed.blocks(), layout.getPrintableHeight() / scale);
    return pages.stream().map(p -> printed.page(p, scale)).toList();
  }

  /**
   * Prints {@code pages} and ends the job; whether the printer took them all. The pages are in no
   * shown scene, so any thread may print them (the app does it in the background).
   */
  static boolean send(PrinterJob job, PageLayout layout, List<Node> pages) {
    for (Node page : pages) {
      if (!job.printPage(layout, page)) {
        return false;
      }
    }
    return job.endJob();
  }
}
