package dev.raftpad.desktop.view;

import dev.raftpad.document.text.Document;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javafx.collections.FXCollections;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.controlsfx.control.StatusBar;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.NavigationActions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds, once per process and on a thread of its own, the kinds of controls an editor is made of
 * (the rich-text area with styled paragraphs, combo boxes, colour pickers, toolbars, tabs, a split
 * pane, a list, the status bar) in a scene of their own, styles them with the app's stylesheets,
 * and pages the area down and up through a sample. The first editor a user opens, and the first
 * pages they scroll, then no longer pay on the FX thread for loading, linking and initialising
 * those classes, parsing the stylesheets and running that code for the first time: about half of
 * the first open's worst frame and a third of the first scroll's (docs/benchmarks.md).
 *
 * <p>JavaFX lets a scene be built and styled on any thread until it is in a showing window; this
 * one never is, and is dropped when done (RichTextFX's area, built off the FX thread, hands its
 * input-method set-up to the FX thread itself). Only the area's own subtree is laid out: labels and
 * other controls measure their text through one text layout shared with the FX thread ({@code
 * com.sun.javafx.scene.control.skin.Utils}), so none are laid out here and the area's images are
 * plain regions; text nodes and text flows each have their own.
 */
final class EditorWarmUp {
  private static final Logger log = LoggerFactory.getLogger(EditorWarmUp.class);
  private static final AtomicReference<CompletableFuture<Boolean>> RUN = new AtomicReference<>();

  /** Enough for a few dozen pages of the sample at the area's warm-up size. */
  private static final int SAMPLE_CODE_POINTS = 60_000;

  private static final int PAGES = 25;

  private EditorWarmUp() {}

  /**
   * Starts the warm-up unless it ran or is running in this process; call after the theme is set.
   *
   * @return completes with whether the controls were built and styled; never exceptionally (a
   *     failed warm-up costs the first editor only time, and is logged)
   */
  static CompletableFuture<Boolean> start() {
    CompletableFuture<Boolean> fresh = new CompletableFuture<>();
    if (!RUN.compareAndSet(null, fresh)) {
      return RUN.get();
    }
    Thread thread =
        new Thread(
            () -> {
              try {
                EditorArea area = area();
                VirtualizedScrollPane<EditorArea> scroll = new VirtualizedScrollPane<>(area);
                DesktopApp.scene(controls(scroll)).getRoot().applyCss();
                pageThrough(scroll);
                fresh.complete(true);
              } catch (RuntimeException | LinkageError e) {
                log.warn("the editor's warm-up stopped; the first editor is built cold", e);
                fresh.complete(false);
              }
            },
            "editor-warm-up");
    thread.setDaemon(true);
    thread.start();
    return fresh;
  }

  /** A rich-text area showing a styled sample of headings, paragraphs and runs. */
  private static EditorArea area() {
    // Images as plain regions: a label would measure its text through the shared text layout.
    EditorArea area = new EditorArea(image -> new Region());
    area.getStyleClass().add("raftpad-editor");
    area.setWrapText(true);
    Document sample = SampleDocument.of(SAMPLE_CODE_POINTS);
    area.replace(0, 0, RichStyles.styledDocument(sample, Map.of(), RichTextEditor.SEGMENTS));
    new PageView(area); // styles the area as a page, as every editor's does
    return area;
  }

  /**
   * Pages down and up through the sample as Page Down and Page Up do, styling and laying out the
   * area after each page: the first pages a user scrolls then run compiled code, not code run for
   * the first time (the cold scroll's late frames, docs/benchmarks.md). Only the area's own subtree
   * is laid out, and it holds no labels (see the class comment).
   */
  private static void pageThrough(VirtualizedScrollPane<EditorArea> scroll) {
    EditorArea area = scroll.getContent();
    scroll.resize(800, 700);
    scroll.applyCss();
    scroll.layout();
    for (int page = 0; page < PAGES; page++) {
      area.nextPage(NavigationActions.SelectionPolicy.CLEAR);
      scroll.applyCss();
      scroll.layout();
    }
    for (int page = 0; page < PAGES; page++) {
      area.prevPage(NavigationActions.SelectionPolicy.CLEAR);
      scroll.applyCss();
      scroll.layout();
    }
  }

  /** The editor's kinds of controls around {@code scroll}. */
  private static Parent controls(VirtualizedScrollPane<EditorArea> scroll) {
    ComboBox<String> fonts = new ComboBox<>(FXCollections.observableArrayList("Default", "Serif"));
    fonts.setValue("Default");
    CaretColourPicker colour = new CaretColourPicker("warm-up-colour", "Colour", c -> {});
    MenuButton more = new MenuButton("More", null, new MenuItem("Item"));
    Button button = new Button("B");
    button.setTooltip(new Tooltip("Bold"));
    ToolBar tools =
        new ToolBar(button, new ToggleButton("I"), new Separator(), fonts, colour.control(), more);
    HBox findBar = new HBox(new TextField(), new CheckBox("Match case"), new Button("Next"));
    ListView<String> outline = new ListView<>(FXCollections.observableArrayList("Heading"));
    TabPane side = new TabPane(new Tab("People", new ListView<String>()), new Tab("History"));
    BorderPane text = new BorderPane(new StackPane(scroll, new Label("Loading…")));
    text.setTop(findBar);
    text.setLeft(outline);
    SplitPane split = new SplitPane(text, side);
    StatusBar status = new StatusBar();
    status.getRightItems().addAll(new Label("Words"), new Separator(Orientation.VERTICAL));
    BorderPane root = new BorderPane(split);
    root.setTop(new VBox(new HBox(tools, new Circle(12)), new ToolBar(new Button("Align"))));
    root.setBottom(status);
    return root;
  }
}
