package dev.raftpad.desktop.view;

import dev.raftpad.client.sdk.events.ConnectionState;
import dev.raftpad.desktop.settings.Settings;
import dev.raftpad.desktop.settings.SpellingPreferences;
import dev.raftpad.desktop.settings.ZoomPreference;
import dev.raftpad.desktop.viewmodel.EditorViewModel;
import dev.raftpad.desktop.viewmodel.UserSpelling;
import dev.raftpad.desktop.viewmodel.Users;
import dev.raftpad.desktop.viewmodel.WorkspaceViewModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/** The signed-in window: header with connection indicator, browser, cluster and editor tabs. */
final class MainWindow {
  /** The status while the cluster cannot be reached and edits go to the offline copies. */
  static final String OFFLINE_SAVED = "offline — changes saved on this computer";

  private final WorkspaceViewModel workspace;
  private final Settings settings;
  private final TabPane tabs = new TabPane();
  private final Map<String, EditorView> editors = new LinkedHashMap<>();
  private final Label connection = new Label();
  private final StackPane root;
  private final Tab clusterTab;
  private final UserSpelling spelling;
  private final ZoomPreference zoom;

  MainWindow(WorkspaceViewModel workspace, Settings settings, Runnable signOut) {
    this.workspace = workspace;
    this.settings = settings;
    this.spelling = new UserSpelling(new SpellingPreferences(settings, workspace.me().id()));
    this.zoom = new ZoomPreference(settings, workspace.me().id());
    Tab documents =
        new Tab(
            "Documents", BrowserView.build(workspace.browser(), this::open, this::chooseImport));
    documents.setId("documents-tab");
    documents.setClosable(false);
    clusterTab = new Tab("Cluster", ClusterView.build(workspace.cluster()));
    clusterTab.setId("cluster-tab");
    clusterTab.setClosable(false);
    clusterTab.setOnSelectionChanged(
        e -> {
          if (clusterTab.isSelected()) {
            workspace.cluster().refresh();
          }
        });
    tabs.getTabs().addAll(documents, clusterTab);
    tabs.setAccessibleText("Documents, cluster and open documents");

    connection.setId("connection");
    workspace.connectionProperty().addListener((o, was, now) -> showConnection());
    showConnection();
    Label user = new Label("Signed in as " + Users.name(workspace.me()));
    Button theme = new Button("Light/Dark");
    theme.setId("theme-toggle");
    theme.setOnAction(e -> Themes.toggle(settings));
    Button signOutButton = new Button("Sign out");
    signOutButton.setId("sign-out");
    signOutButton.setOnAction(e -> signOut.run());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Label title = new Label("Raftpad");
    title.getStyleClass().add("title-3");
    HBox header = new HBox(10, title, spacer, connection, user, theme, signOutButton);
    header.setAlignment(Pos.CENTER_LEFT);
    header.setPadding(new Insets(6, 10, 6, 10));
    header.getStyleClass().add("app-header");

    BorderPane frame = new BorderPane(tabs);
    var menus =
        AppMenus.build(
            this::current,
            javafx.beans.binding.Bindings.createBooleanBinding(
                () -> current().isEmpty(), tabs.getSelectionModel().selectedItemProperty()),
            new AppMenus.WindowActions(
                () -> Themes.toggle(settings),
                this::showDocuments,
                this::showCluster,
                this::chooseImport,
                signOut,
                spelling.enabledProperty(),
                spelling.dictionaryProperty()));
    frame.setTop(new javafx.scene.layout.VBox(header, menus));
    root = new StackPane(frame);
    root.setId("main-window");
    NoticePopups.install(workspace.notices(), root);
  }

  Parent node() {
    return root;
  }

  WorkspaceViewModel workspace() {
    return workspace;
  }

  UserSpelling spelling() {
    return spelling;
  }

  Settings settings() {
    return settings;
  }

  /** Opens (or brings forward) the editor of a document. */
  void open(String documentId) {
    EditorView open = editors.get(documentId);
    if (open != null) {
      tabs.getTabs().stream()
          .filter(t -> open.node().equals(t.getContent()))
          .findFirst()
          .ifPresent(t -> tabs.getSelectionModel().select(t));
      return;
    }
    workspace.open(documentId, this::show);
  }

  /** File → Import…: asks for a .docx, Markdown or text file and imports it. */
  void chooseImport() {
    javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
    chooser.setTitle("Import as a new document");
    chooser
        .getExtensionFilters()
        .add(
            new javafx.stage.FileChooser.ExtensionFilter(
                "Word, Markdown or text",
                dev.raftpad.desktop.export.FileActions.IMPORTABLE.stream()
                    .map(x -> "*." + x)
                    .toList()));
    java.io.File file = chooser.showOpenDialog(root.getScene().getWindow());
    if (file != null) {
      importFile(file.toPath());
    }
  }

  /** Imports {@code file} as a new document and opens it once it is filled, as Google Docs does. */
  void importFile(java.nio.file.Path file) {
    workspace.browser().importFile(file, info -> open(info.id()));
  }

  /** The editor in the tab in front, if an editor is. */
  Optional<EditorView> current() {
    Tab selected = tabs.getSelectionModel().getSelectedItem();
    return editors.values().stream()
        .filter(e -> selected != null && e.node().equals(selected.getContent()))
        .findFirst();
  }

  Optional<EditorView> editor(String documentId) {
    return Optional.ofNullable(editors.get(documentId));
  }

  void showCluster() {
    tabs.getSelectionModel().select(clusterTab);
  }

  void showDocuments() {
    tabs.getSelectionModel().select(0);
  }

  /** Closes every editor (their sessions leave the documents). */
  void closeEditors() {
    editors.values().forEach(e -> e.model().close());
    editors.clear();
  }

  private void show(EditorViewModel model) {
    if (editors.containsKey(model.documentId())) {
      model.close();
      return;
    }
    EditorView view = new EditorView(model, spelling, zoom);
    editors.put(model.documentId(), view);
    Tab tab = new Tab();
    tab.textProperty().bind(model.titleProperty());
    tab.setContent(view.node());
    tab.setOnClosed(
        e -> {
          editors.remove(model.documentId());
          model.close();
        });
    model.connectionProperty().addListener((o, was, now) -> showConnection());
    // Edits the cluster will never take are offered to be saved elsewhere, never dropped.
    model
        .returnedTextProperty()
        .addListener(
            (o, was, now) -> {
              if (!now.isEmpty() && root.getScene() != null) {
                var unused =
                    ReturnedEditsDialog.offer(model, root.getScene().getWindow(), this::open);
              }
            });
    tabs.getTabs().add(tab);
    tabs.getSelectionModel().select(tab);
    view.editor().area().requestFocus();
  }

  private static int severity(ConnectionState s) {
    return switch (s) {
      case CONNECTED, CLOSED -> 0;
      case CONNECTING -> 1;
      case RECONNECTING -> 2;
      case OFFLINE -> 3;
    };
  }

  /** The worst state of the workspace stream and every open editor's session. */
  private void showConnection() {
    ConnectionState worst = workspace.connectionProperty().get();
    for (EditorView e : editors.values()) {
      ConnectionState s = e.model().connectionProperty().get();
      if (severity(s) > severity(worst)) {
        worst = s;
      }
    }
    connection.getStyleClass().removeIf(c -> c.startsWith("connection-"));
    connection.getStyleClass().add("connection-" + worst.name().toLowerCase(java.util.Locale.ROOT));
    connection.setText(
        switch (worst) {
          case CONNECTING -> "● Connecting…";
          case CONNECTED -> "● Connected";
          case RECONNECTING -> "● Reconnecting…";
          case OFFLINE ->
              workspace.client().offlineStore().isPresent()
                  ? "● " + OFFLINE_SAVED
                  : "● Offline — edits are kept and sent when back";
          case CLOSED -> "● Closed";
        });
  }
}
