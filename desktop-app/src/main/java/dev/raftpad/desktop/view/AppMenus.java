package dev.raftpad.desktop.view;

import dev.raftpad.desktop.export.Exporter;
import dev.raftpad.desktop.viewmodel.EnglishSpeller;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/**
 * The window's menu bar (File, Edit, View, Insert, Format, Tools, Help): every action of the editor
 * with its shortcut, acting on the editor tab in front. Accelerators come from {@link EditorKeys}
 * (one place per shortcut); inside the text the area's own key handling runs them first.
 */
final class AppMenus {
  /** What the window offers besides the editor in front. */
  record WindowActions(
      Runnable toggleTheme,
      Runnable showDocuments,
      Runnable showCluster,
      Runnable importFile,
      Runnable signOut,
      javafx.beans.property.BooleanProperty spellingOn,
      javafx.beans.property.ObjectProperty<EnglishSpeller.Variant> spellingDictionary) {}

  private final Supplier<Optional<EditorView>> current;
  private final BooleanBinding noEditor;

  private AppMenus(Supplier<Optional<EditorView>> current, BooleanBinding noEditor) {
    this.current = current;
    this.noEditor = noEditor;
  }

  /**
   * The menu bar; {@code noEditor} is true while no editor tab is in front (its items are off
   * then).
   */
  static MenuBar build(
      Supplier<Optional<EditorView>> current, BooleanBinding noEditor, WindowActions window) {
    AppMenus m = new AppMenus(current, noEditor);
    Menu file =
        menu(
            "File",
            m.action("Share…", "share", EditorView::share),
            plain("Import…", "import", window.importFile()),
            m.exportMenu(),
            m.command("Print…", "print"),
            m.action("Lock or unlock", "lock", EditorView::toggleLock),
            new SeparatorMenuItem(),
            plain("Documents", "documents", window.showDocuments()),
            plain("Sign out", "sign-out", window.signOut()));
    Menu edit =
        menu(
            "Edit",
            m.command("Undo", "undo"),
            m.command("Redo", "redo"),
            new SeparatorMenuItem(),
            m.command("Cut", "cut"),
            m.command("Copy", "copy"),
            m.command("Paste", "paste"),
            m.command("Paste without formatting", "paste-plain"),
            m.command("Select all", "select-all"),
            new SeparatorMenuItem(),
            m.command("Find…", "find"),
            m.command("Find and replace…", "replace"),
            m.command("Find next", "find-next"),
            m.command("Find previous", "find-previous"));
    Menu view =
        menu(
            "View",
            m.command("Zoom in", "zoom-in"),
            m.command("Zoom out", "zoom-out"),
            m.command("Actual size", "zoom-reset"),
            new SeparatorMenuItem(),
            m.action("Editing", "mode-editing", e -> e.model().setSuggesting(false)),
            m.action("Suggesting", "mode-suggesting", e -> e.model().setSuggesting(true)),
            new SeparatorMenuItem(),
            m.action("People", "panel-people", e -> e.showPanel("people-tab")),
            plain("Light or dark theme", "theme", window.toggleTheme()));
    Menu insert =
        menu(
            "Insert",
            m.command("Image…", "insert-image"),
            m.command("Link…", "link"),
            m.command("Comment", "comment"));
    Menu format =
        menu(
            "Format",
            m.command("Bold", "bold"),
            m.command("Italic", "italic"),
            m.command("Underline", "underline"),
            m.command("Strikethrough", "strikethrough"),
            m.command("Code", "code"),
            new SeparatorMenuItem(),
            m.command("Heading 1", "h1"),
            m.command("Heading 2", "h2"),
            m.command("Heading 3", "h3"),
            new SeparatorMenuItem(),
            m.command("Bulleted list", "bullets"),
            m.command("Numbered list", "numbers"),
            m.command("Checklist", "checklist"),
            m.command("Quote", "quote"),
            new SeparatorMenuItem(),
            m.command("Align left", "align-left"),
            m.command("Centre", "align-center"),
            m.command("Align right", "align-right"),
            m.command("Justify", "align-justify"),
            m.command("Indent", "indent"),
            m.command("Outdent", "outdent"),
            new SeparatorMenuItem(),
            m.command("Clear formatting", "clear-formatting"));
    Menu tools =
        menu(
            "Tools",
            m.action("Version history", "panel-history", e -> e.showPanel("history-tab")),
            m.action("AI assistant", "panel-ai", e -> e.showPanel("ai-tab")),
            spelling(window.spellingOn()),
            spellingLanguage(window.spellingDictionary()),
            plain("Cluster", "cluster", window.showCluster()));
    MenuItem shortcuts = new MenuItem("Keyboard shortcuts");
    shortcuts.setId("menu-shortcuts");
    EditorKeys.keysOf("shortcuts").ifPresent(shortcuts::setAccelerator);
    Menu help = menu("Help", shortcuts);
    MenuBar bar = new MenuBar(file, edit, view, insert, format, tools, help);
    bar.setId("menu-bar");
    bar.setAccessibleText("Menu bar (F10)");
    // The sheet needs no editor: it opens from the bar's own window.
    shortcuts.setOnAction(e -> ShortcutsSheet.show(bar.getScene().getWindow()));
    return bar;
  }

  /** An editor command by name ("bold", "find"...) with its shortcut. */
  private MenuItem command(String text, String name) {
    MenuItem item = action(text, name, e -> e.commandFromMenu(name));
    EditorKeys.keysOf(name).ifPresent(item::setAccelerator);
    return item;
  }

  private MenuItem action(String text, String id, Consumer<EditorView> run) {
    MenuItem item = new MenuItem(text);
    item.setId("menu-" + id);
    item.setOnAction(e -> current.get().ifPresent(run));
    item.disableProperty().bind(noEditor);
    return item;
  }

  private Menu exportMenu() {
    Menu export = new Menu("Export");
    export.setId("menu-export");
    for (Exporter.Format f : Exporter.Format.values()) {
      export
          .getItems()
          .add(
              action(
                  f.name().replace('_', ' ').toLowerCase(Locale.ROOT),
                  "export-" + f.extension(),
                  e -> e.export(f)));
    }
    return export;
  }

  /** Tools → Spelling: the user's switch for checking as they type (remembered). */
  private static MenuItem spelling(javafx.beans.property.BooleanProperty on) {
    javafx.scene.control.CheckMenuItem item = new javafx.scene.control.CheckMenuItem("Spelling");
    item.setId("menu-spelling");
    item.selectedProperty().bindBidirectional(on);
    return item;
  }

  /** Tools → Spelling language: which English the user's words are checked against. */
  private static Menu spellingLanguage(
      javafx.beans.property.ObjectProperty<EnglishSpeller.Variant> chosen) {
    Menu menu = new Menu("Spelling language");
    menu.setId("menu-spelling-language");
    javafx.scene.control.ToggleGroup group = new javafx.scene.control.ToggleGroup();
    for (EnglishSpeller.Variant variant : EnglishSpeller.Variant.values()) {
      javafx.scene.control.RadioMenuItem item =
          new javafx.scene.control.RadioMenuItem(variant.label());
      item.setId("menu-dictionary-" + variant.code());
      item.setToggleGroup(group);
      item.setUserData(variant);
      item.setSelected(chosen.get() == variant);
      item.setOnAction(e -> chosen.set(variant));
      menu.getItems().add(item);
    }
    // The chosen English is the property's, however it changed (a menu item's fire() does not
    // select it; a click does).
    chosen.addListener(
        (o, was, now) ->
            group.getToggles().stream()
                .filter(t -> t.getUserData() == now)
                .findFirst()
                .ifPresent(t -> t.setSelected(true)));
    return menu;
  }

  private static MenuItem plain(String text, String id, Runnable run) {
    MenuItem item = new MenuItem(text);
    item.setId("menu-" + id);
    item.setOnAction(e -> run.run());
    return item;
  }

  private static Menu menu(String text, MenuItem... items) {
    Menu menu = new Menu(text, null, items);
    menu.setId("menu-" + text.toLowerCase(Locale.ROOT));
    return menu;
  }
}
