package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.SignInViewModel;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;

/** The sign-in and register form. */
final class SignInView {
  private SignInView() {}

  static Parent build(SignInViewModel model, Consumer<SignInViewModel.SignedIn> onSignedIn) {
    TextField servers = new TextField();
    servers.setId("servers");
    servers.setPromptText("host:port, host:port");
    servers.textProperty().bindBidirectional(model.serversProperty());
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
    problem.textProperty().bind(model.problemProperty());
    Label error = new Label();
    error.setId("sign-in-error");
    error.getStyleClass().add("danger");
    error.setWrapText(true);
    error.setMaxWidth(360);
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
    form.add(title, 0, 0, 2, 1);
    form.addRow(1, new Label("Servers"), servers);
    form.addRow(2, new Label("Username"), username);
    form.addRow(3, new Label("Password"), password);
    form.addRow(4, new Label("Display name"), displayName);
    form.add(problem, 1, 5);
    form.add(new HBox(8, signIn, register, busy), 1, 6);
    form.add(error, 1, 7);
    return form;
  }
}
