package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.SignInViewModel;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/** The sign-in and register form. */
final class SignInView {
  /** The width of the fields' column, which long messages wrap to. */
  static final double FIELDS_WIDTH = 320;

  private SignInView() {}

  static Parent build(SignInViewModel model, Consumer<SignInViewModel.SignedIn> onSignedIn) {
    TextField servers = new TextField();
    servers.setId("servers");
    servers.setPromptText("host:port, host:port");
    servers.textProperty().bindBidirectional(model.serversProperty());
    TextField caFile = new TextField();
    caFile.setId("ca-file");
    caFile.setPromptText("optional (PEM file)");
    caFile.textProperty().bindBidirectional(model.caFileProperty());
    Button browse = new Button("Browse…");
    browse.setId("browse-ca");
    browse.setMinWidth(Region.USE_PREF_SIZE);
    browse.setOnAction(
        e -> {
          javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
          chooser.setTitle("The cluster's CA certificate");
          chooser
              .getExtensionFilters()
              .addAll(
                  new javafx.stage.FileChooser.ExtensionFilter(
                      "PEM certificates", "*.pem", "*.crt"),
                  new javafx.stage.FileChooser.ExtensionFilter("All files", "*"));
          java.io.File file = chooser.showOpenDialog(caFile.getScene().getWindow());
          if (file != null) {
            caFile.setText(file.getPath());
          }
        });
    HBox.setHgrow(caFile, Priority.ALWAYS);
    TextField username = new TextField();
    username.setId("username");
    username.textProperty().bindBidirectional(model.usernameProperty());
    PasswordField password = new PasswordField();
    password.setId("password");
    password.textProperty().bindBidirectional(model.passwordProperty());
    TextField displayName = new TextField();
    displayName.setId("display-name");
    displayName.setPromptText("for registering (optional)");
    displayName.textProperty().bindBidirectional(model.displayNameProperty());

    Label problem = new Label();
    problem.getStyleClass().add("text-muted");
    wrapping(problem);
    problem.textProperty().bind(model.problemProperty());
    Label error = new Label();
    error.setId("sign-in-error");
    error.getStyleClass().add("danger");
    wrapping(error);
    error.textProperty().bind(model.errorProperty());

    Button signIn = new Button("Sign in");
    signIn.setId("sign-in");
    signIn.setDefaultButton(true);
    signIn.disableProperty().bind(model.canSignInProperty().not());
    signIn.setOnAction(e -> model.signIn(onSignedIn));
    Button register = new Button("Register");
    register.setId("register");
    register.disableProperty().bind(model.canSignInProperty().not());
    register.setOnAction(e -> model.register(onSignedIn));
    ProgressIndicator busy = new ProgressIndicator();
    busy.setPrefSize(18, 18);
    busy.visibleProperty().bind(model.busyProperty());

    Label title = new Label("Raftpad");
    title.getStyleClass().add("title-1");
    GridPane form = new GridPane(8, 8);
    form.setId("sign-in-form");
    form.setPadding(new Insets(24));
    // The fields' column has a width of its own, so a long message wraps inside it instead of
    // widening the column and squeezing the labels' column.
    ColumnConstraints labels = new ColumnConstraints();
    labels.setHgrow(Priority.NEVER);
    ColumnConstraints fields = new ColumnConstraints(FIELDS_WIDTH, FIELDS_WIDTH, Double.MAX_VALUE);
    fields.setHgrow(Priority.ALWAYS);
    form.getColumnConstraints().addAll(labels, fields);
    form.add(title, 0, 0, 2, 1);
    form.addRow(1, label("Servers", servers), servers);
    form.addRow(2, label("CA certificate", caFile), new HBox(6, caFile, browse));
    form.addRow(3, label("Username", username), username);
    form.addRow(4, label("Password", password), password);
    form.addRow(5, label("Display name", displayName), displayName);
    form.add(problem, 1, 6);
    form.add(new HBox(8, signIn, register, busy), 1, 7);
    form.add(error, 1, 8);
    // A message that appears needs room the window may not have: grow the window (on the next
    // pulse, once the label has taken its new text).
    InvalidationListener fit = o -> Platform.runLater(() -> growToFit(form));
    error.textProperty().addListener(fit);
    problem.textProperty().addListener(fit);
    return form;
  }

  /** A field's label, never narrower than its text, tied to its field (screen readers read it). */
  private static Label label(String text, javafx.scene.Node field) {
    Label label = new Label(text);
    label.setLabelFor(field);
    label.setMinWidth(Region.USE_PREF_SIZE);
    return label;
  }

  /** A message that wraps to the column's width and is never cut to fewer lines than it needs. */
  private static void wrapping(Label message) {
    message.setWrapText(true);
    message.setMinWidth(0);
    message.setPrefWidth(0);
    message.setMaxWidth(Double.MAX_VALUE);
    message.setMinHeight(Region.USE_PREF_SIZE);
  }

  /** Makes the window big enough for the form; never smaller (the user may have enlarged it). */
  private static void growToFit(Region form) {
    Scene scene = form.getScene();
    if (scene == null || scene.getWindow() == null) {
      return;
    }
    Window window = scene.getWindow();
    double width = Math.max(scene.getWidth(), form.minWidth(-1));
    double height = form.prefHeight(width);
    if (width > scene.getWidth()) {
      window.setWidth(window.getWidth() + width - scene.getWidth());
    }
    if (height > scene.getHeight()) {
      window.setHeight(window.getHeight() + height - scene.getHeight());
    }
  }
}
