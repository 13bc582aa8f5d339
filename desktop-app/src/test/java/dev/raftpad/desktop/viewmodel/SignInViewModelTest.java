package dev.raftpad.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sign-in form's rules, without the JavaFX toolkit. */
class SignInViewModelTest {

  @Test
  void signInIsPossibleOnlyWithServersUsernameAndPassword() {
    SignInViewModel model = new SignInViewModel();
    assertThat(model.canSignInProperty().get()).isFalse();
    assertThat(model.problemProperty().get()).isEqualTo("Enter your username.");

    model.usernameProperty().set("ada");
    model.passwordProperty().set("correct horse");

    assertThat(model.canSignInProperty().get()).isTrue();
    assertThat(model.problemProperty().get()).isEmpty();
  }

  @Test
  void aBadServerListIsExplained() {
    SignInViewModel model = new SignInViewModel();
    model.usernameProperty().set("ada");
    model.passwordProperty().set("pw");

    model.serversProperty().set("localhost");

    assertThat(model.canSignInProperty().get()).isFalse();
    assertThat(model.problemProperty().get())
        .isEqualTo("Servers: expected host:port but got 'localhost'");
  }
}
