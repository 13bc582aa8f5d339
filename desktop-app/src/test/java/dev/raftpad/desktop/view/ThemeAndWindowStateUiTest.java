package dev.raftpad.desktop.view;

import static dev.raftpad.desktop.view.Fx.fx;
import static dev.raftpad.desktop.view.Fx.fxRun;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.raftpad.desktop.settings.MemorySettings;
import dev.raftpad.desktop.settings.Settings;
import dev.raftpad.desktop.testing.TestClients;
import dev.raftpad.desktop.viewmodel.Threads;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** What the app remembers between runs, on the real toolkit (headless): theme and window bounds. */
class ThemeAndWindowStateUiTest {
  static final String DARK = new PrimerDark().getUserAgentStylesheet();
  static final String LIGHT = new PrimerLight().getUserAgentStylesheet();

  @BeforeAll
  static void start() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @AfterAll
  static void stop() throws Exception {
    fxRun(() -> Application.setUserAgentStylesheet(LIGHT));
    FxToolkit.cleanupStages();
  }

  @Test
  void theThemeToggleIsStoredAndAppliedAndTheNextStartUsesIt() {
    Settings settings = new MemorySettings();
    fxRun(() -> Themes.apply(settings));
    assertThat(fx(Application::getUserAgentStylesheet)).isEqualTo(LIGHT);

    fxRun(() -> Themes.toggle(settings)); // what the header's Light/Dark button does
    assertThat(settings.get(Themes.KEY)).contains("dark");
    assertThat(fx(Application::getUserAgentStylesheet)).isEqualTo(DARK);

    // The next start (a new app on the same settings) comes up dark.
    fxRun(() -> Application.setUserAgentStylesheet(LIGHT));
    DesktopApp next =
        new DesktopApp(
            settings,
            new Threads(Platform::runLater, Fx.BACKGROUND, Fx.ANALYSIS),
            TestClients.options());
    fxRun(() -> next.showSignIn(new Stage()));
    assertThat(fx(Application::getUserAgentStylesheet)).isEqualTo(DARK);

    fxRun(() -> Themes.toggle(settings));
    assertThat(settings.get(Themes.KEY)).contains("light");
    assertThat(fx(Application::getUserAgentStylesheet)).isEqualTo(LIGHT);
  }

  @Test
  void windowBoundsAreSavedOnHidingAndRestoredNextTime() {
    Settings settings = new MemorySettings();
    Stage first =
        fx(
            () -> {
              Stage stage = new Stage();
              WindowState.manage(stage, settings, "main", 1280, 800);
              return stage;
            });
    assertThat(fx(first::getWidth)).isEqualTo(1280.0);
    assertThat(fx(first::getHeight)).isEqualTo(800.0);
    assertThat(settings.get("window.main")).isEmpty();

    fxRun(
        () -> {
          first.show();
          first.setX(40);
          first.setY(30);
          first.setWidth(1000);
          first.setHeight(700);
          first.hide();
        });
    assertThat(settings.get("window.main")).isPresent();

    Stage second =
        fx(
            () -> {
              Stage stage = new Stage();
              WindowState.manage(stage, settings, "main", 1280, 800);
              return stage;
            });
    assertThat(fx(() -> new double[] {second.getX(), second.getY()})).containsExactly(40, 30);
    assertThat(fx(() -> new double[] {second.getWidth(), second.getHeight()}))
        .containsExactly(1000, 700);
    assertThat(fx(second::isMaximized)).isFalse();

    // Something unreadable saved: the defaults, not a failure.
    settings.put("window.main", "a,b,c,d,false");
    Stage third =
        fx(
            () -> {
              Stage stage = new Stage();
              WindowState.manage(stage, settings, "main", 1280, 800);
              return stage;
            });
    assertThat(fx(() -> new double[] {third.getWidth(), third.getHeight()}))
        .containsExactly(1280, 800);
  }

  @Test
  void aRememberedPlaceOffEveryScreenOpensCentredOnTheScreenInstead() {
    Settings settings = new MemorySettings();
    // Saved on a screen to the right that is no longer attached.
    settings.put("window.main", "2600.0,300.0,1280.0,800.0,false");
    Stage stage =
        fx(
            () -> {
              Stage s = new Stage();
              WindowState.manage(s, settings, "main", 1280, 800);
              return s;
            });
    Rectangle2D screen = fx(() -> Screen.getPrimary().getVisualBounds());
    Rectangle2D bounds =
        fx(() -> new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()));
    assertThat(screen.contains(bounds)).as("%s within %s", bounds, screen).isTrue();
    assertThat(bounds.getWidth()).isEqualTo(1280);
    assertThat(bounds.getMinX() + bounds.getWidth() / 2)
        .isEqualTo(screen.getMinX() + screen.getWidth() / 2);
  }
}
