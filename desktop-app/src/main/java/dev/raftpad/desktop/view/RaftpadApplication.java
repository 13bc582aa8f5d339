package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.SignInViewModel;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;

/** The JavaFX application. Views are built in code and bound to view models. */
public final class RaftpadApplication extends Application {

  @Override
  public void start(Stage stage) {
    SignInViewModel model = new SignInViewModel();
    TextField servers = new TextField();
    servers.textProperty().bindBidirectional(model.serversProperty());
    TextField username = new TextField();
    username.textProperty().bindBidirectional(model.usernameProperty());
    PasswordField password = new PasswordField();
    password.textProperty().bindBidirectional(model.passwordProperty());
    Label problem = new Label();
    problem.textProperty().bind(model.problemProperty());
    Button signIn = new Button("Sign in");
    signIn.disableProperty().bind(model.canSignInProperty().not());

    GridPane form = new GridPane(8, 8);
    form.setPadding(new Insets(16));
    form.addRow(0, new Label("Servers"), servers);
    form.addRow(1, new Label("Username"), username);
    form.addRow(2, new Label("Password"), password);
    form.add(problem, 1, 3);
    form.add(signIn, 1, 4);

    stage.setTitle("Raftpad");
    stage.setScene(new Scene(form));
    stage.show();
  }
}
