package dev.raftpad.desktop.view;

import dev.raftpad.client.sdk.model.User;
import dev.raftpad.desktop.export.Exporter;
import dev.raftpad.desktop.export.FileActions;
import dev.raftpad.desktop.settings.ZoomPreference;
import dev.raftpad.desktop.viewmodel.AiViewModel;
import dev.raftpad.desktop.viewmodel.AskViewModel;
import dev.raftpad.desktop.viewmodel.EditorViewModel;
import dev.raftpad.desktop.viewmodel.FindViewModel;
import dev.raftpad.desktop.viewmodel.HistoryViewModel;
import dev.raftpad.desktop.viewmodel.InlineStyle;
import dev.raftpad.desktop.viewmodel.ReviewViewModel;
import dev.raftpad.desktop.viewmodel.Roles;
import dev.raftpad.desktop.viewmodel.SpellingViewModel;
import dev.raftpad.desktop.viewmodel.UserSpelling;
import dev.raftpad.desktop.viewmodel.Users;
import dev.raftpad.desktop.viewmodel.Zoom;
import java.io.File;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.stage.FileChooser;

/** An editor tab: toolbar, the rich-text area, and side panels for people, history and AI. */
final class EditorView {
  private final EditorViewModel model;
  private final RichTextEditor editor;
  private final HistoryViewModel history;
  private final AiViewModel ai;
  private final AskViewModel ask;
  private final ReviewViewModel review;
  private final CommentsMargin margin;
  private final FindViewModel find;
  private final FindBar findBar;
  private final PageView page;
  private final OutlinePanel outline;
  private final StatusBarView status;
  private final SpellingViewModel spelling;
  private final SpellingUnderlines underlines;
  private final ClipboardPaste paste;
  private final ClipboardCopy copy;
  private final BorderPane root = new BorderPane();
  private final TabPane side = new TabPane();

  /**
   * @param userSpelling the user's spelling switch and words
   * @param zoom the user's zoom: this editor starts at it, and each zoom change is kept in it
   */
  EditorView(EditorViewModel model, UserSpelling userSpelling, ZoomPreference zoom) {
    this.model = model;
    this.review = new ReviewViewModel(model);
    this.editor = new RichTextEditor(model, review);
    editor.showImagesFrom(model.images());
    this.margin = new CommentsMargin(review, editor.area(), commentButton());
    this.history = new HistoryViewModel(model);
    this.ai = new AiViewModel(model);
    this.ask = new AskViewModel(model);
    this.find = new FindViewModel(model);
    this.findBar = new FindBar(find, editor.area(), model.readOnlyProperty());
    this.page = new PageView(editor.area());
    page.zoomProperty().set(Zoom.step(zoom.get(Zoom.DEFAULT)));
    page.zoomProperty().addListener((o, was, now) -> zoom.set(now.intValue()));
    editor.onOtherCommand(this::command);
    this.outline = new OutlinePanel(model, editor.area());
    this.status = new StatusBarView(model, editor.area(), page.zoomProperty());
    this.spelling = new SpellingViewModel(model, userSpelling);
    this.underlines = new SpellingUnderlines(editor.area(), spelling);
    this.paste = new ClipboardPaste(model, editor.area());
    this.copy = new ClipboardCopy(model, editor.area());
    editor.area().setAccessibleText("Document text");
    EditorContextMenu.install(editor.area(), model, spelling, this::command);
    root.setId("editor-" + model.documentId());
    ToolBar tools = toolbar();
    tools.setStyle("-fx-background-color: transparent; -fx-border-width: 0;"); // the row has them
    javafx.scene.layout.HBox.setHgrow(tools, javafx.scene.layout.Priority.ALWAYS);
    Node avatars = new PresenceAvatars(model, editor.area()).node();
    javafx.scene.layout.HBox.setMargin(avatars, new Insets(0, 0, 0, 6));
    javafx.scene.layout.HBox top = new javafx.scene.layout.HBox(tools, avatars, shareButton());
    top.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
    top.getStyleClass().add("tool-bar");
    // Who holds the lock and why the document is read-only are lines of their own under the
    // toolbar: a narrow window moves toolbar buttons into its overflow menu, never these.
    Node formats = new FormatBar(model, editor).node();
    root.setTop(new javafx.scene.layout.VBox(top, formats, banner(), lockBadge()));
    side.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    side.setAccessibleText("Side panels: people, history, AI");
    Tab people = new Tab("People", people());
    people.setId("people-tab");
    Tab historyTab =
        builtWhenFirstShown("History", () -> HistoryView.build(history), history::refresh);
    historyTab.setId("history-tab");
    Tab aiTab = builtWhenFirstShown("AI", () -> AiView.build(ai, ask), () -> {});
    aiTab.setId("ai-tab");
    side.getTabs().addAll(people, historyTab, aiTab);
    BorderPane text =
        new BorderPane(new javafx.scene.layout.StackPane(editor.node(), underlines.overlay()));
    text.setTop(findBar.node());
    text.setLeft(outline.node());
    text.setRight(margin.node());
    // The outline folds itself when the page would be narrow (a 1280 px window with every panel).
    text.widthProperty()
        .addListener((o, was, now) -> outline.fitTo(now.doubleValue() - CommentsMargin.WIDTH));
    SplitPane split = new SplitPane(text, side);
    split.setDividerPositions(0.68);
    root.setCenter(split);
    root.setBottom(status.node());
  }

  /**
   * A side panel whose controls are built the first time it is shown, and {@code reshown} each time
   * after: opening an editor then builds and styles only what is on screen (the first editor of a
   * process spends most of its open building controls it has never built before).
   */
  private static Tab builtWhenFirstShown(
      String title, java.util.function.Supplier<Node> build, Runnable reshown) {
    Tab tab = new Tab(title);
    tab.setOnSelectionChanged(
        e -> {
          if (tab.isSelected() && tab.getContent() == null) {
            tab.setContent(build.get());
          } else if (tab.isSelected()) {
            reshown.run();
          }
        });
    return tab;
  }

  Node node() {
    return root;
  }

  EditorViewModel model() {
    return model;
  }

  HistoryViewModel history() {
    return history;
  }

  AiViewModel ai() {
    return ai;
  }

  AskViewModel ask() {
    return ask;
  }

  RichTextEditor editor() {
    return editor;
  }

  ReviewViewModel review() {
    return review;
  }

  FindBar findBar() {
    return findBar;
  }

  FindViewModel find() {
    return find;
  }

  PageView page() {
    return page;
  }

  SpellingViewModel spelling() {
    return spelling;
  }

  SpellingUnderlines underlines() {
    return underlines;
  }

  OutlinePanel outline() {
    return outline;
  }

  /**
   * A command from the menu bar or its shortcut, which fire wherever the keyboard is: in another
   * text field it is that field's (see {@link FocusedField}).
   */
  void commandFromMenu(String name) {
    var focus = root.getScene() == null ? null : root.getScene().getFocusOwner();
    if (focus instanceof javafx.scene.control.TextInputControl field
        && FocusedField.took(field, name)) {
      return;
    }
    command(name);
  }

  /** Commands beyond the area's own, from shortcuts, menus and the context menu. */
  void command(String name) {
    switch (name) {
      case "find" -> findBar.open(false);
      case "replace" -> findBar.open(true);
      case "find-next" -> findBar.go(true);
      case "find-previous" -> findBar.go(false);
      case "copy" -> copy.copy();
      case "cut" -> copy.cut();
      case "paste" -> {
        // An image (a copied picture or image files) is uploaded and inserted; otherwise HTML
        // keeps its formatting (the area's own paste is plain).
        if (!ImagePaste.paste(model)) {
          paste.paste();
        }
      }
      case "print" -> DocumentPrint.print(model, root.getScene().getWindow());
      case "link" -> askForLink();
      case "insert-image" -> ImagePaste.choose(root.getScene().getWindow(), model);
      case "zoom-in" -> page.zoomIn();
      case "zoom-out" -> page.zoomOut();
      case "zoom-reset" -> page.resetZoom();
      case "shortcuts" -> ShortcutsSheet.show(root.getScene().getWindow());
      default -> editor.command(name);
    }
  }

  /** Shows one of the side panels: "people-tab", "history-tab" or "ai-tab". */
  void showPanel(String id) {
    side.getTabs().stream()
        .filter(t -> id.equals(t.getId()))
        .findFirst()
        .ifPresent(t -> side.getSelectionModel().select(t));
  }

  private ToolBar toolbar() {
    ToolBar bar = new ToolBar();
    // Compact buttons: the mode menu and everything else fit a 950 px window (Lock and Export
    // never go into the overflow menu there).
    bar.getStyleClass().add("editor-toolbar");
    bar.getItems()
        .addAll(
            modeMenu(),
            new Separator(),
            command("B", "bold", "Bold (Ctrl+B)", "-fx-font-weight: bold;"),
            command("I", "italic", "Italic (Ctrl+I)", "-fx-font-style: italic;"),
            command("U", "underline", "Underline (Ctrl+U)", "-fx-underline: true;"),
            command(
                "S", "strikethrough", "Strikethrough (Ctrl+Shift+X)", "-fx-strikethrough: true;"),
            command("</>", "code", "Code (Ctrl+E)", "-fx-font-family: monospace;"),
            new Separator(),
            headingMenu(),
            command("•", "bullets", "Bulleted list (Ctrl+Shift+8)", ""),
            command("1.", "numbers", "Numbered list (Ctrl+Shift+7)", ""),
            command("❝", "quote", "Quote (Ctrl+Shift+9)", ""),
            linkButton(),
            new Separator(),
            command("↶", "undo", "Undo your last edit (Ctrl+Z)", ""),
            command("↷", "redo", "Redo (Ctrl+Shift+Z)", ""),
            new Separator(),
            lockButton(),
            exportMenu());
    return bar;
  }

  /** Google Docs' blue Share button, top right; everyone may look, the owner may change. */
  private Button shareButton() {
    Button share = new Button("Share");
    share.setId("share");
    share.getStyleClass().add("accent");
    share.setTooltip(new Tooltip("Who may view and edit this document"));
    share.setMinWidth(Region.USE_PREF_SIZE);
    javafx.scene.layout.HBox.setMargin(share, new Insets(0, 10, 0, 6));
    share.setOnAction(e -> share());
    return share;
  }

  void share() {
    ShareDialog.show(model.sharing(), model.titleProperty().get(), root.getScene().getWindow());
  }

  /** Locks the document, or unlocks it when this user holds the lock (editors only). */
  void toggleLock() {
    if (!model.mayEditProperty().get()) {
      return;
    }
    if (model.holdsLock()) {
      model.unlock();
    } else {
      model.lock();
    }
  }

  /** Asks where to save the document as {@code format}, then saves it in the background. */
  void export(Exporter.Format format) {
    FileChooser chooser = new FileChooser();
    chooser.setInitialFileName(model.titleProperty().get() + "." + format.extension());
    File file = chooser.showSaveDialog(root.getScene().getWindow());
    if (file != null) {
      model.export(format, file.toPath());
    }
  }

  /** Why this user cannot change the document (a viewer, a commenter, access removed). */
  private Label banner() {
    Label banner = new Label();
    banner.setId("read-only-banner");
    banner.getStyleClass().add("read-only-banner");
    banner.setMaxWidth(Double.MAX_VALUE);
    banner.setPadding(new Insets(6, 10, 6, 10));
    banner.setStyle(
        "-fx-background-color: -color-warning-subtle; -fx-text-fill: -color-warning-fg;"
            + " -fx-border-color: -color-warning-muted; -fx-border-width: 0 0 1 0;");
    banner.textProperty().bind(model.bannerProperty());
    banner.visibleProperty().bind(model.bannerProperty().isNotEmpty());
    banner.managedProperty().bind(banner.visibleProperty());
    return banner;
  }

  private Button command(String text, String name, String tip, String style) {
    Button b = new Button(text);
    b.setId("format-" + name);
    b.setStyle(style);
    b.setTooltip(new Tooltip(tip));
    b.setAccessibleText(tip); // the glyph ("B", "•", "⇥") is no name for a screen reader
    b.setOnAction(
        e -> {
          editor.command(name);
          editor.area().requestFocus();
        });
    if (!name.equals("undo") && !name.equals("redo")) {
      // Formatting is not suggested: off while suggesting.
      b.disableProperty().bind(model.formattingDisabledProperty());
    }
    InlineStyle.named(name)
        .ifPresent(
            inline ->
                model
                    .caretFormatProperty()
                    .addListener(
                        (o, was, now) -> Toolbars.pressed(b, inline.isSetIn(now.inline()))));
    return b;
  }

  /**
   * Google Docs' mode menu: "Editing" or "Suggesting" (typing becomes tracked changes); a commenter
   * is locked to Suggesting, a viewer sees "Viewing".
   */
  private MenuButton modeMenu() {
    MenuButton mode = new MenuButton();
    mode.setId("mode");
    mode.setMinWidth(Region.USE_PREF_SIZE);
    RadioMenuItem editing = new RadioMenuItem("Editing — change the text directly");
    editing.setId("mode-editing");
    RadioMenuItem suggesting = new RadioMenuItem("Suggesting — edits become suggestions");
    suggesting.setId("mode-suggesting");
    ToggleGroup group = new ToggleGroup();
    editing.setToggleGroup(group);
    suggesting.setToggleGroup(group);
    editing.setOnAction(e -> model.setSuggesting(false));
    suggesting.setOnAction(e -> model.setSuggesting(true));
    mode.getItems().addAll(editing, suggesting);
    Tooltip tip = new Tooltip();
    Runnable show =
        () -> {
          boolean on = model.suggestingProperty().get();
          boolean viewing = model.readOnlyProperty().get();
          mode.setText(viewing ? "Viewing" : on ? "✎ Suggesting" : "✎ Editing");
          editing.setSelected(!on);
          suggesting.setSelected(on);
          editing.setDisable(model.suggestingLocked());
          String why =
              Roles.suggestingOnly(model.roleProperty().get(), model.ownerNameProperty().get());
          tip.setText(
              viewing
                  ? "You can read this document but not change it."
                  : why.isEmpty()
                      ? on ? "Your edits become suggestions." : "You edit the text directly."
                      : why);
          mode.getStyleClass().remove("suggesting");
          if (on && !viewing) {
            mode.getStyleClass().add("suggesting");
          }
        };
    model.suggestingProperty().addListener((o, was, now) -> show.run());
    model.readOnlyProperty().addListener((o, was, now) -> show.run());
    model.roleProperty().addListener((o, was, now) -> show.run());
    show.run();
    mode.setTooltip(tip);
    mode.disableProperty().bind(model.readOnlyProperty());
    return mode;
  }

  /**
   * Headings in one menu, as Google Docs' paragraph styles: with the mode menu and the margin the
   * toolbar must still fit a 950 px window without hiding Lock in its overflow.
   */
  private MenuButton headingMenu() {
    MenuButton menu = new MenuButton("Heading");
    menu.setId("format-heading");
    menu.setMinWidth(Region.USE_PREF_SIZE);
    for (int level = 1; level <= 3; level++) {
      MenuItem item = new MenuItem("Heading " + level + "  (Ctrl+Alt+" + level + ")");
      String name = "h" + level;
      item.setId("format-" + name);
      item.setOnAction(
          e -> {
            editor.command(name);
            editor.area().requestFocus();
          });
      menu.getItems().add(item);
    }
    menu.disableProperty().bind(model.formattingDisabledProperty());
    return menu;
  }

  /** "Comment" (Ctrl+Alt+M), in the margin's header: a new-comment card for the selection. */
  private Button commentButton() {
    Button b = new Button("+ Comment");
    b.setId("add-comment");
    b.setTooltip(new Tooltip("Comment on the selection (Ctrl+Alt+M)"));
    b.setMinWidth(Region.USE_PREF_SIZE);
    b.setOnAction(e -> review.beginComment());
    // Needs a selection and a commenter's role (viewers read comments only).
    Runnable enable =
        () ->
            b.setDisable(
                !ReviewViewModel.mayComment(model.roleProperty().get())
                    || model.readOnlyProperty().get()
                    || editor.area().getSelection().getLength() == 0);
    editor.area().selectionProperty().addListener((o, was, now) -> enable.run());
    model.readOnlyProperty().addListener((o, was, now) -> enable.run());
    model.roleProperty().addListener((o, was, now) -> enable.run());
    enable.run();
    return b;
  }

  private Button linkButton() {
    Button b = new Button("Link");
    b.setId("format-link");
    b.setTooltip(new Tooltip("Link (select text first)"));
    b.disableProperty().bind(model.formattingDisabledProperty());
    b.setOnAction(e -> askForLink());
    return b;
  }

  private void askForLink() {
    if (model.formattingDisabledProperty().get()) {
      return;
    }
    TextInputDialog dialog = new TextInputDialog("https://");
    dialog.setHeaderText("Link the selection to (empty to unlink)");
    dialog.showAndWait().ifPresent(url -> model.link(url.strip()));
  }

  private Button lockButton() {
    Button b = new Button("Lock");
    b.setId("lock-toggle");
    Runnable label = () -> b.setText(model.holdsLock() ? "Unlock" : "Lock");
    model.lockProperty().addListener((o, was, now) -> label.run());
    label.run();
    b.disableProperty().bind(model.mayEditProperty().not());
    b.setOnAction(e -> toggleLock());
    return b;
  }

  private Label lockBadge() {
    Label badge = new Label();
    badge.setId("lock-badge");
    badge.getStyleClass().add("lock-badge");
    badge.setMaxWidth(Double.MAX_VALUE);
    badge.setPadding(new Insets(4, 10, 4, 10));
    badge.managedProperty().bind(badge.visibleProperty());
    badge.textProperty().bind(model.lockBadgeProperty());
    badge.visibleProperty().bind(model.lockBadgeProperty().isNotEmpty());
    return badge;
  }

  private MenuButton exportMenu() {
    MenuButton menu = new MenuButton("Export");
    menu.setId("export");
    for (Exporter.Format format : Exporter.Format.values()) {
      MenuItem item = new MenuItem(format.name().replace('_', ' ').toLowerCase(Locale.ROOT));
      item.setOnAction(e -> export(format));
      menu.getItems().add(item);
    }
    for (FileActions.BinaryFormat format : FileActions.BinaryFormat.values()) {
      MenuItem item = new MenuItem(format.label());
      item.setId("export-" + format.extension());
      item.setOnAction(
          e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName(model.titleProperty().get() + "." + format.extension());
            File file = chooser.showSaveDialog(root.getScene().getWindow());
            if (file != null) {
              model.export(format, file.toPath());
            }
          });
      menu.getItems().add(item);
    }
    return menu;
  }

  private Node people() {
    ListView<User> list = new ListView<>(model.present());
    list.setId("people");
    list.setAccessibleText("People in this document");
    list.setCellFactory(
        v ->
            new ListCell<>() {
              @Override
              protected void updateItem(User user, boolean empty) {
                super.updateItem(user, empty);
                if (empty || user == null) {
                  setText(null);
                  setGraphic(null);
                } else {
                  setText(Users.name(user) + (user.id().equals(model.me().id()) ? " (you)" : ""));
                  setGraphic(new Circle(5, Color.web(model.colours().of(user))));
                }
              }
            });
    BorderPane pane = new BorderPane(list);
    Label title = new Label("In this document");
    title.setPadding(new Insets(8));
    pane.setTop(title);
    return pane;
  }
}
