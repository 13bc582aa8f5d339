package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.SeedAddresses;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * State and validation of the sign-in form. Holds no JavaFX node, so it is tested without the
 * toolkit; the view binds its fields to these properties.
 */
public final class SignInViewModel {
  private final StringProperty servers = new SimpleStringProperty("127.0.0.1:7001");
  private final StringProperty username = new SimpleStringProperty("");
  private final StringProperty password = new SimpleStringProperty("");
  private final StringBinding problem =
      Bindings.createStringBinding(this::validate, servers, username, password);
  private final BooleanBinding canSignIn = problem.isEmpty();

  public StringProperty serversProperty() {
    return servers;
  }

  public StringProperty usernameProperty() {
    return username;
  }

  public StringProperty passwordProperty() {
    return password;
  }

  /** What stops the user from signing in, in words; empty when nothing does. */
  public StringBinding problemProperty() {
    return problem;
  }

  public BooleanBinding canSignInProperty() {
    return canSignIn;
  }

  private String validate() {
    try {
      SeedAddresses.parse(servers.get());
    } catch (IllegalArgumentException e) {
      return "Servers: " + e.getMessage();
    }
    if (username.get().isBlank()) {
      return "Enter your username.";
    }
    if (password.get().isEmpty()) {
      return "Enter your password.";
    }
    return "";
  }
}
