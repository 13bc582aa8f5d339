package dev.raftpad.desktop.view;

import dev.raftpad.client.sdk.model.AccessEntry;
import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.desktop.viewmodel.Roles;
import dev.raftpad.desktop.viewmodel.ShareViewModel;
import dev.raftpad.desktop.viewmodel.Users;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.controlsfx.control.textfield.TextFields;

/**
 * The Share dialog, as Google Docs users know it: add people by user name (with completion) at a
 * role, the people with access and their roles (the owner changes or removes them), general access
 * (restricted, or anyone signed in can view / comment / edit), and how access came to be. Someone
 * who is not the owner sees the same dialog without the controls that change anything.
 */
final class ShareDialog {
  private ShareDialog() {}

  /** Opens the dialog for {@code title}; non-blocking. */
  static Dialog<ButtonType> show(ShareViewModel model, String title, Window owner) {
    Dialog<ButtonType> dialog = new Dialog<>();
    dialog.initOwner(owner);
    dialog.setTitle("Share");
    dialog.setHeaderText("Share “" + title + "”");
    dialog.getDialogPane().setId("share-dialog");
    dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    dialog.getDialogPane().setContent(content(model));
    dialog.getDialogPane().setPrefWidth(560);
    dialog.setResizable(true);
    model.load();
    dialog.show();
    return dialog;
  }

  static VBox content(ShareViewModel model) {
    var cannotShare = model.canShareProperty().not();

    TextField username = new TextField();
    username.setId("share-username");
    username.setPromptText("Add people by user name");
    HBox.setHgrow(username, Priority.ALWAYS);
    // Completion asks the cluster on ControlsFX's own background thread.
    TextFields.bindAutoCompletion(username, request -> model.suggestions(request.getUserText()));
    ComboBox<DocumentRole> role = roles("share-role", Roles.GRANTABLE, Roles::label);
    role.setValue(DocumentRole.EDITOR);
    Button add = new Button("Share");
    add.setId("share-add");
    add.getStyleClass().add("accent");
    add.setDefaultButton(true);
    add.setOnAction(
        e -> {
          model.share(username.getText(), role.getValue());
          username.clear();
        });
    HBox adding = new HBox(6, username, role, add);
    adding.setAlignment(Pos.CENTER_LEFT);
    for (var control : new javafx.scene.control.Control[] {username, role, add}) {
      control.disableProperty().bind(cannotShare.or(model.busyProperty()));
    }

    Label owner = new Label();
    owner.setId("share-owner");
    owner
        .textProperty()
        .bind(
            javafx.beans.binding.Bindings.createStringBinding(
                () -> model.ownerProperty().get().map(u -> Users.name(u) + " — Owner").orElse(""),
                model.ownerProperty()));
    ListView<AccessEntry> people = new ListView<>(model.people());
    people.setId("share-people");
    people.setPrefHeight(150);
    people.setPlaceholder(new Label("Not shared with anyone yet"));
    people.setCellFactory(list -> new PersonCell(model));

    ComboBox<DocumentRole> link = roles("share-link", Roles.LINK_ROLES, Roles::linkLabel);
    link.valueProperty().bindBidirectional(model.linkRoleProperty());
    link.setOnAction(e -> model.setLinkRole(link.getValue()));
    link.disableProperty().bind(cannotShare.or(model.busyProperty()));

    Label problem = new Label();
    problem.setId("share-problem");
    problem.getStyleClass().add("danger");
    problem.setWrapText(true);
    problem.textProperty().bind(model.problemProperty());
    problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
    problem.managedProperty().bind(problem.visibleProperty());

    Label onlyOwner = new Label("Only the owner can change who has access.");
    onlyOwner.setId("share-only-owner");
    onlyOwner.getStyleClass().add("text-muted");
    onlyOwner.visibleProperty().bind(cannotShare);
    onlyOwner.managedProperty().bind(onlyOwner.visibleProperty());

    ListView<String> history = new ListView<>(model.history());
    history.setId("share-history");
    history.setPrefHeight(90);
    history.setPlaceholder(new Label("No changes yet"));

    VBox box =
        new VBox(
            8,
            adding,
            problem,
            onlyOwner,
            heading("People with access"),
            owner,
            people,
            heading("General access"),
            link,
            heading("Changes"),
            history);
    box.setPadding(new Insets(10, 14, 4, 14));
    return box;
  }

  private static Label heading(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("text-bold");
    return label;
  }

  private static ComboBox<DocumentRole> roles(
      String id,
      java.util.List<DocumentRole> choices,
      java.util.function.Function<DocumentRole, String> label) {
    ComboBox<DocumentRole> box = new ComboBox<>();
    box.setId(id);
    box.getItems().setAll(choices);
    box.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(DocumentRole role) {
            return role == null ? "" : label.apply(role);
          }

          @Override
          public DocumentRole fromString(String text) {
            return choices.stream()
                .filter(r -> label.apply(r).equals(text))
                .findFirst()
                .orElse(null);
          }
        });
    return box;
  }

  /** A person with access: name, role picker and a remove button (both for the owner only). */
  private static final class PersonCell extends ListCell<AccessEntry> {
    private final ShareViewModel model;

    PersonCell(ShareViewModel model) {
      this.model = model;
    }

    @Override
    protected void updateItem(AccessEntry entry, boolean empty) {
      super.updateItem(entry, empty);
      if (empty || entry == null) {
        setText(null);
        setGraphic(null);
        return;
      }
      String username = entry.user().username();
      Label name = new Label(Users.name(entry.user()));
      Region spacer = new Region();
      HBox.setHgrow(spacer, Priority.ALWAYS);
      ComboBox<DocumentRole> role = roles("share-role-" + username, Roles.GRANTABLE, Roles::label);
      role.setValue(entry.role());
      role.setOnAction(
          e -> {
            if (role.getValue() != entry.role()) {
              model.share(username, role.getValue());
            }
          });
      Button remove = new Button("Remove");
      remove.setId("share-remove-" + username);
      remove.setOnAction(e -> model.remove(username));
      var cannotShare = model.canShareProperty().not().or(model.busyProperty());
      role.disableProperty().bind(cannotShare);
      remove.disableProperty().bind(cannotShare);
      HBox row = new HBox(6, name, spacer, role, remove);
      row.setAlignment(Pos.CENTER_LEFT);
      setText(null);
      setGraphic(row);
    }
  }
}
