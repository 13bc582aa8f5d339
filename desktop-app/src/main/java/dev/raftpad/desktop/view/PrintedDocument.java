package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.PrintPagination;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Run;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.PathElement;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.scene.transform.Scale;

/**
 * The document laid out for paper as the page view shows it: the page column's width, the same
 * styles ({@link RichStyles}: headings, lists with their markers, quotes, code, inline formatting),
 * one TextFlow per line. It measures each line for {@link PrintPagination} and builds the node of
 * each printed page. On the FX thread (CSS and layout need it); the pages may then print anywhere.
 */
final class PrintedDocument {
  private final List<List<Run>> lines;
  private final List<Attributes> formats;
  private final double width;
  private final List<PrintPagination.Block> blocks = new ArrayList<>();

  private PrintedDocument(Document document, double width) {
    this.width = width;
    this.formats = RichStyles.lineFormats(document);
    this.lines = splitLines(document);
    VBox column = column();
    for (int i = 0; i < lines.size(); i++) {
      column.getChildren().add(line(i));
    }
    layOut(column);
    for (int i = 0; i < lines.size(); i++) {
      TextFlow flow = (TextFlow) column.getChildren().get(i);
      double lineHeight = lineHeight(flow.caretShape(0, true));
      boolean heading =
          formats.get(i).heading() != null && formats.get(i).heading() != Heading.NONE;
      blocks.add(new PrintPagination.Block(flow.getHeight(), lineHeight, heading));
    }
  }

  /** Lays {@code document} out at the page view's width. */
  static PrintedDocument of(Document document) {
    return new PrintedDocument(document, PageView.PAGE_WIDTH);
  }

  List<PrintPagination.Block> blocks() {
    return blocks;
  }

  double width() {
    return width;
  }

  /** The node of one printed page, scaled by {@code scale} (page-view pixels to printer units). */
  Node page(PrintPagination.Page page, double scale) {
    VBox column = column();
    for (PrintPagination.Slice slice : page.slices()) {
      TextFlow flow = line(slice.block());
      flow.setLayoutY(-slice.from());
      Pane piece = new Pane(flow);
      // Exactly this slice: the lines above went on the page before, the ones below go after.
      piece.setClip(new Rectangle(0, 0, width, slice.height()));
      piece.setMinHeight(slice.height());
      piece.setPrefHeight(slice.height());
      piece.setMaxHeight(slice.height());
      column.getChildren().add(piece);
    }
    Group scaled = new Group(column);
    scaled.getTransforms().add(new Scale(scale, scale));
    new Scene(scaled); // never shown: CSS and layout need a scene; printing does not
    layOut(column);
    for (Node piece : column.getChildren()) {
      TextFlow flow = (TextFlow) ((Pane) piece).getChildren().get(0);
      flow.resize(width, flow.prefHeight(width));
      flow.layout();
    }
    return scaled;
  }

  private VBox column() {
    VBox column = new VBox();
    column.setStyle("-fx-font-size: " + PageView.BASE_FONT + "px; -fx-background-color: white;");
    column.setPrefWidth(width);
    column.setMinWidth(width);
    column.setMaxWidth(width);
    return column;
  }

  /** CSS and layout off screen: a scene of its own that is never shown. */
  private void layOut(VBox column) {
    if (column.getScene() == null) {
      new Scene(new Group(column));
    }
    column.applyCss();
    column.resize(width, column.prefHeight(width));
    column.layout();
  }

  private TextFlow line(int index) {
    Attributes format = formats.get(index);
    String block = RichStyles.block(format);
    TextFlow flow = new TextFlow();
    flow.setStyle(RichStyles.paragraph(format));
    flow.setPrefWidth(width);
    String marker = RichStyles.marker(formats, index);
    if (!marker.isEmpty()) {
      flow.getChildren().add(text(marker + "  ", block));
    }
    for (Run run : lines.get(index)) {
      flow.getChildren().add(text(run.text(), block + RichStyles.inline(run.attributes())));
    }
    if (flow.getChildren().isEmpty()) {
      flow.getChildren().add(text(" ", block)); // an empty line is one line high, as on screen
    }
    return flow;
  }

  private static Text text(String s, String css) {
    Text text = new Text(s);
    text.setStyle("-fx-fill: black;" + css);
    return text;
  }

  private static double lineHeight(PathElement[] caret) {
    double top = Double.NaN;
    double bottom = Double.NaN;
    for (PathElement e : caret) {
      if (e instanceof MoveTo m) {
        top = m.getY();
      } else if (e instanceof LineTo l) {
        bottom = l.getY();
      }
    }
    return Double.isNaN(top) || Double.isNaN(bottom) ? 0 : Math.abs(bottom - top);
  }

  /**
   * The runs of each line, without the line ends; as many lines as {@link RichStyles#lineFormats}.
   */
  private static List<List<Run>> splitLines(Document document) {
    List<List<Run>> lines = new ArrayList<>();
    List<Run> current = new ArrayList<>();
    for (Run run : document.runs()) {
      String text = run.text();
      int start = 0;
      for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
        if (i > start) {
          current.add(new Run(text.substring(start, i), run.attributes()));
        }
        lines.add(current);
        current = new ArrayList<>();
        start = i + 1;
      }
      if (start < text.length()) {
        current.add(new Run(text.substring(start), run.attributes()));
      }
    }
    lines.add(current);
    return lines;
  }
}
