package dev.raftpad.desktop.view;

import dev.raftpad.desktop.settings.MemorySettings;
import dev.raftpad.desktop.testing.TestClients;
import dev.raftpad.desktop.viewmodel.SignInViewModel;
import dev.raftpad.desktop.viewmodel.Threads;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.Await;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** What the UI tests share: windows of signed-in users, FX-thread access, screenshots. */
final class Fx {
  static final ExecutorService BACKGROUND =
      Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("test-io-", 0).factory());

  /** One analysis thread, as the app has ({@link Threads#analysisThread}). */
  static final ExecutorService ANALYSIS = Threads.analysisThread("test-analysis");

  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static int users;

  private Fx() {}

  /** Runs on the FX thread and returns the result. */
  static <T> T fx(Callable<T> work) {
    return fx(work, Await.WAIT);
  }

  /** Runs on the FX thread and returns the result, waiting at most {@code patience}. */
  static <T> T fx(Callable<T> work, java.time.Duration patience) {
    try {
      return WaitForAsyncUtils.asyncFx(work).get(patience.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static void fxRun(Runnable work) {
    fxRun(work, Await.WAIT);
  }

  static void fxRun(Runnable work, java.time.Duration patience) {
    var unused =
        fx(
            () -> {
              work.run();
              return Boolean.TRUE;
            },
            patience);
  }

  /** Polls a condition evaluated on the FX thread. */
  static void until(String what, BooleanSupplier condition) {
    Await.until(what, () -> fx(condition::getAsBoolean));
  }

  static DesktopApp app() {
    return new DesktopApp(
        new MemorySettings(),
        new Threads(Platform::runLater, BACKGROUND, ANALYSIS),
        TestClients.options());
  }

  /** An app keeping offline copies under {@code dataDirectory} (a restart reuses the directory). */
  static DesktopApp app(Path dataDirectory) {
    return new DesktopApp(
        new MemorySettings(),
        new Threads(Platform::runLater, BACKGROUND, ANALYSIS),
        TestClients.options(),
        java.util.Optional.of(dataDirectory));
  }

  /** A new user's workspace window at {@code x}, registered through the sign-in view model. */
  static MainWindow signedIn(InProcessCluster cluster, String name, double x) {
    String username = name.toLowerCase(java.util.Locale.ROOT) + ++users;
    return signedIn(cluster, new Account(username, name), true, x);
  }

  /** A user registered once (by {@link #register}) and signed in again in each test. */
  record Account(String username, String displayName) {
    String password() {
      return "password-" + username;
    }
  }

  /** Registers a new account without a window; the cluster's first account is its admin. */
  static Account register(InProcessCluster cluster, String name) {
    return register(cluster, name, name);
  }

  /**
   * {@link #register(InProcessCluster, String)} with a display name of its own ("Ada Lovelace").
   */
  static Account register(InProcessCluster cluster, String name, String displayName) {
    Account account = new Account(name.toLowerCase(java.util.Locale.ROOT) + ++users, displayName);
    try (var client = TestClients.client(cluster, Runnable::run)) {
      var unused = client.register(account.username(), account.password(), displayName);
    }
    return account;
  }

  /** A window of {@code account}, signed in through the sign-in view model, at {@code x}. */
  static MainWindow signedIn(InProcessCluster cluster, Account account, double x) {
    return signedIn(app(), cluster, account, false, x);
  }

  /** {@link #signedIn(InProcessCluster, Account, double)} in a given app (e.g. with a data dir). */
  static MainWindow signedIn(DesktopApp app, InProcessCluster cluster, Account account, double x) {
    return signedIn(app, cluster, account, false, x);
  }

  private static MainWindow signedIn(
      InProcessCluster cluster, Account account, boolean register, double x) {
    return signedIn(app(), cluster, account, register, x);
  }

  private static MainWindow signedIn(
      DesktopApp app, InProcessCluster cluster, Account account, boolean register, double x) {
    SignInViewModel form =
        fx(
            () -> {
              Stage stage = new Stage();
              SignInViewModel model = app.showSignIn(stage);
              model.serversProperty().set(cluster.seeds());
              model.usernameProperty().set(account.username());
              model.passwordProperty().set(account.password());
              model.displayNameProperty().set(account.displayName());
              if (register) {
                model.register(s -> app.showWorkspace(stage, s));
              } else {
                model.signIn(s -> app.showWorkspace(stage, s));
              }
              return model;
            });
    until("signed in", () -> app.window() != null || !form.errorProperty().get().isEmpty());
    if (fx(() -> app.window() == null)) {
      throw new AssertionError(fx(() -> form.errorProperty().get()));
    }
    return fx(
        () -> {
          // Side by side: the robot clicks screen coordinates, so windows must not overlap.
          Stage stage = (Stage) app.window().node().getScene().getWindow();
          stage.setX(x);
          stage.setY(0);
          stage.setWidth(950);
          stage.setHeight(900);
          return app.window();
        });
  }

  /**
   * The node is on screen: in a showing window, visible up to the root, and laid out. Before the
   * next pulse a node just added is not: a new SplitPane or TabPane puts its items into the scene
   * graph only when its skin is created (in the pulse's CSS pass), so until then the node has no
   * scene and the robot cannot click it.
   */
  static boolean showing(javafx.scene.Node node) {
    Scene scene = node.getScene();
    if (scene == null || scene.getWindow() == null || !scene.getWindow().isShowing()) {
      return false;
    }
    for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
      if (!n.isVisible()) {
        return false;
      }
    }
    return node.getLayoutBounds().getWidth() > 0 && node.getLayoutBounds().getHeight() > 0;
  }

  /**
   * The document's editor is open in {@code window}, its area can be clicked, its content is loaded
   * and its session is live (an editor that is merely open is not enough: its area joins the scene
   * at the next pulse). On the FX thread.
   */
  static boolean editorReady(MainWindow window, String documentId) {
    return window
        .editor(documentId)
        .map(
            e ->
                showing(e.editor().area())
                    && e.editor().loadedProperty().get()
                    && e.model().isSynchronized())
        .orElse(false);
  }

  /** Closes a workspace window the way the user does: a close request, then the window closes. */
  static void close(MainWindow window) {
    fxRun(
        () -> {
          Scene scene = window.node().getScene();
          if (scene != null && scene.getWindow() instanceof Stage stage) {
            stage.fireEvent(
                new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
            stage.close();
          }
        });
  }

  /**
   * Resizes a window, e.g. to the default width (1280) before a screenshot, where side panels show
   * their buttons whole. The robot clicks screen coordinates: only once no more clicks follow.
   */
  static void resize(MainWindow window, double width, double height) {
    fxRun(
        () -> {
          Stage stage = (Stage) window.node().getScene().getWindow();
          stage.setWidth(width);
          stage.setHeight(height);
          stage.toFront();
        });
    until(
        "the window resized",
        () ->
            window.node().getScene().getWidth() == width
                && window.node().getScene().getHeight() <= height);
  }

  /** Writes a PNG of the scene to target/screenshots/{name}.png. */
  static void screenshot(Scene scene, String name) {
    write(fx(() -> scene.snapshot(null)), name);
  }

  /**
   * Like {@link #screenshot(Scene, String)} with the popups over the window (a context menu, a
   * menu, notifications) drawn where they are on screen: they are windows of their own, which a
   * scene's snapshot leaves out.
   */
  static void screenshotWithPopups(Scene scene, String name) {
    write(
        fx(
            () -> {
              WritableImage base = scene.snapshot(null);
              javafx.scene.canvas.Canvas canvas =
                  new javafx.scene.canvas.Canvas(base.getWidth(), base.getHeight());
              var g = canvas.getGraphicsContext2D();
              g.drawImage(base, 0, 0);
              javafx.stage.Window owner = scene.getWindow();
              for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
                if (w instanceof javafx.stage.PopupWindow popup
                    && popup.isShowing()
                    && popup.getScene() != null
                    && rootOwner(popup).equals(owner)) {
                  g.drawImage(
                      popup.getScene().snapshot(null),
                      popup.getX() + popup.getScene().getX() - owner.getX() - scene.getX(),
                      popup.getY() + popup.getScene().getY() - owner.getY() - scene.getY());
                }
              }
              return canvas.snapshot(null, null);
            }),
        name);
  }

  private static javafx.stage.Window rootOwner(javafx.stage.PopupWindow popup) {
    javafx.stage.Window w = popup;
    while (w instanceof javafx.stage.PopupWindow p && p.getOwnerWindow() != null) {
      w = p.getOwnerWindow();
    }
    return w;
  }

  /** Writes a PNG of one node (e.g. the editor's header) to target/screenshots/{name}.png. */
  static void screenshot(javafx.scene.Node node, String name) {
    write(fx(() -> node.snapshot(null, null)), name);
  }

  private static void write(WritableImage image, String name) {
    int w = (int) image.getWidth();
    int h = (int) image.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    PixelReader pixels = image.getPixelReader();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        out.setRGB(x, y, pixels.getArgb(x, y));
      }
    }
    try {
      Files.createDirectories(SCREENSHOTS);
      ImageIO.write(out, "png", SCREENSHOTS.resolve(name + ".png").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
