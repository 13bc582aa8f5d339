package dev.raftpad.desktop.view;

import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.client.sdk.model.User;
import dev.raftpad.client.sdk.offline.OfflineSignIn;
import dev.raftpad.client.sdk.offline.OfflineStore;
import dev.raftpad.client.sdk.offline.SavedDocument;
import dev.raftpad.desktop.settings.MemorySettings;
import dev.raftpad.desktop.settings.OfflineStores;
import dev.raftpad.desktop.viewmodel.SignInViewModel;
import dev.raftpad.desktop.viewmodel.Threads;
import dev.raftpad.document.sync.SyncClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The session the packaging records the app's AOT cache from ({@code Raftpad --training-run},
 * docs/adr/0021): the real windows, signed in offline on a throwaway data directory (no cluster, no
 * user settings touched), open a generated document, page through it, type, format, search, page
 * through it again, and quit. A JVM started with {@code -XX:AOTCacheOutput} writes, when it exits,
 * the classes this loaded and linked and the profiles of the methods it ran; a user's first editor
 * and first pages then start from them instead of from nothing.
 *
 * <p>It prints each phase's wall time and worst frame (the longest gap between the FX thread's
 * pulses): run on an app image with and without its cache, that is what the cache saves.
 */
public final class TrainingRun extends Application {
  /** The flag {@code DesktopLauncher} starts this with. */
  public static final String FLAG = "--training-run";

  /** Nothing listens there: the sign-in fails to connect at once and goes on offline. */
  private static final String SERVERS = "127.0.0.1:9";

  private static final String USERNAME = "training";
  private static final String PASSWORD = "training-run-password";
  private static final String DOCUMENT_ID = "training-document";
  private static final int CODE_POINTS = 300_000;
  private static final int PAGES = 30;
  private static final Duration PATIENCE = Duration.ofMinutes(3);

  /** The throwaway data directory; static, as {@link #run} deletes it after the toolkit stops. */
  private static volatile Path data;

  private static volatile int exitStatus = 1;

  private ExecutorService background;
  private ExecutorService analysis;

  /**
   * Runs the session in the real windows and returns the process's exit status: 0 when every step
   * ran. The JVM's exit after it is when an AOT cache being recorded is written.
   */
  public static int run() {
    Application.launch(TrainingRun.class);
    deleteData();
    return exitStatus;
  }

  @Override
  public void start(Stage stage) throws IOException {
    data = Files.createTempDirectory("raftpad-training-");
    seedOfflineStore(data);
    background =
        Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("raftpad-io-", 0).factory());
    analysis = Threads.analysisThread("raftpad-analysis");
    Threads threads = new Threads(Platform::runLater, background, analysis);
    ClientOptions options =
        ClientOptions.defaults()
            .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))
            .withOfflineAfter(Duration.ofSeconds(1));
    DesktopApp app = new DesktopApp(new MemorySettings(), threads, options, Optional.of(data));
    SignInViewModel signIn = app.showSignIn(stage);
    // The time a user waits for the first window: from the process's start to it on screen.
    Platform.runLater(
        () ->
            ProcessHandle.current()
                .info()
                .startInstant()
                .ifPresent(
                    began ->
                        System.out.println(
                            String.format(
                                Locale.ROOT,
                                "training run: %-26s wall %6d ms",
                                "launch to sign-in window",
                                Duration.between(began, Instant.now()).toMillis()))));
    signIn.serversProperty().set(SERVERS);
    signIn.caFileProperty().set("");
    signIn.usernameProperty().set(USERNAME);
    signIn.passwordProperty().set(PASSWORD);
    signIn
        .errorProperty()
        .addListener(
            (o, was, now) -> {
              if (!now.isEmpty()) {
                System.err.println("training run: the offline sign-in failed: " + now);
                finish(1);
              }
            });
    signIn.signIn(
        signedIn -> {
          MainWindow window = app.showWorkspace(stage, signedIn);
          Thread.ofPlatform().daemon().name("raftpad-training").start(() -> drive(window));
        });
  }

  /** A remembered sign-in and one document, as a user who worked online before would have. */
  private static void seedOfflineStore(Path data) throws IOException {
    OfflineStore store = new OfflineStores(data).open(SERVERS, USERNAME);
    User user = new User("u-training", USERNAME, "Training", false, "#3b82f6");
    store.rememberSignIn(OfflineSignIn.of(user, "offline-token", PASSWORD));
    SyncClient sync =
        new SyncClient("training-client", SampleDocument.of(CODE_POINTS), 1, outgoing -> {});
    store.save(
        new SavedDocument(
            DOCUMENT_ID, "Training", DocumentRole.OWNER, Instant.now(), sync.saved()));
  }

  /** The session, on a thread of its own: each step runs on the FX thread and is waited for. */
  private void drive(MainWindow window) {
    int status = 1;
    try {
      PulseGaps gaps = fx(PulseGaps::started);
      long started = gaps.begin();
      fxRun(() -> window.open(DOCUMENT_ID));
      until(
          () ->
              window
                  .editor(DOCUMENT_ID)
                  .map(e -> e.editor().loadedProperty().get() && e.node().getScene() != null)
                  .orElse(false));
      report("open", gaps, started);
      EditorView editor = fx(() -> window.editor(DOCUMENT_ID).orElseThrow());
      EditorArea area = fx(() -> editor.editor().area());
      fxRun(
          () -> {
            area.requestFocus();
            area.moveTo(0);
          });

      started = gaps.begin();
      pageDown(area);
      report("scroll (" + PAGES + "× Page Down)", gaps, started);

      started = gaps.begin();
      fxRun(() -> area.moveTo(area.getCurrentParagraph(), 0));
      for (char c : "typing a sentence in the middle of a long document. ".toCharArray()) {
        fxRun(() -> key(area, KeyEvent.KEY_TYPED, String.valueOf(c), KeyCode.UNDEFINED));
      }
      report("type", gaps, started);

      started = gaps.begin();
      for (String command : new String[] {"bold", "h2", "italic", "bullets", "bold", "h2"}) {
        fxRun(
            () -> {
              int at = area.getCaretPosition();
              area.selectRange(Math.max(0, at - 40), at);
              editor.editor().command(command);
            });
      }
      report("format", gaps, started);

      started = gaps.begin();
      findFromCaret(editor, area, "quorum");
      for (int i = 0; i < 5; i++) {
        fxRun(() -> editor.command("find-next"));
        PulseGaps.nextPulse();
      }
      report("find", gaps, started);

      started = gaps.begin();
      fxRun(() -> area.moveTo(0));
      pageDown(area);
      report("scroll again", gaps, started);
      fxRun(window::closeEditors);
      status = 0;
    } catch (RuntimeException | Error e) {
      System.err.println("training run failed: " + e);
      e.printStackTrace(System.err);
    } finally {
      finish(status);
    }
  }

  /**
   * Selects the next {@code word} after the caret and opens find on it, as a user who selects a
   * word and presses Ctrl+F (EditorBenchmark's find phase too). The word is looked up off the FX
   * thread, so only the editor's own work is timed.
   */
  static void findFromCaret(EditorView editor, EditorArea area, String word) {
    int caret = fx(area::getCaretPosition);
    int at = fx(() -> editor.model().document()).text().indexOf(word, caret);
    fxRun(
        () -> {
          area.selectRange(at, at + word.length());
          editor.command("find");
        });
  }

  private static void pageDown(EditorArea area) {
    for (int i = 0; i < PAGES; i++) {
      fxRun(() -> key(area, KeyEvent.KEY_PRESSED, "", KeyCode.PAGE_DOWN));
      fxRun(() -> key(area, KeyEvent.KEY_RELEASED, "", KeyCode.PAGE_DOWN));
      PulseGaps.nextPulse();
    }
  }

  /** A key event as the window would deliver it to the focused editor. */
  private static void key(
      EditorArea area, javafx.event.EventType<KeyEvent> type, String c, KeyCode code) {
    Event.fireEvent(area, new KeyEvent(type, c, "", code, false, false, false, false));
  }

  private static void report(String phase, PulseGaps gaps, long startedNanos) {
    PulseGaps.nextPulse();
    long worstNanos = fx(gaps::worst);
    System.out.println(
        String.format(
            Locale.ROOT,
            "training run: %-26s wall %6d ms  worst frame %6.1f ms",
            phase,
            (System.nanoTime() - startedNanos) / 1_000_000,
            worstNanos / 1e6));
  }

  /**
   * Ends the session: every window hidden and the toolkit stopped on the FX thread, so {@link #run}
   * returns and the process exits after them (an exit while the toolkit is still closing windows
   * can crash in native code).
   */
  private void finish(int status) {
    exitStatus = status;
    Platform.runLater(
        () -> {
          List.copyOf(Window.getWindows()).forEach(Window::hide);
          Platform.exit();
        });
  }

  @Override
  public void stop() {
    background.shutdownNow();
    analysis.shutdownNow();
  }

  private static void deleteData() {
    if (data == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(TrainingRun::delete);
    } catch (IOException | UncheckedIOException e) {
      System.err.println("training run: could not delete " + data + ": " + e);
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void until(BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!fx(condition::getAsBoolean)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the editor did not open within " + PATIENCE);
      }
      PulseGaps.nextPulse();
    }
  }

  private static <T> T fx(Callable<T> work) {
    FutureTask<T> task = new FutureTask<>(work);
    Platform.runLater(task);
    try {
      return task.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("a step of the training run failed", e);
    }
  }

  private static void fxRun(Runnable work) {
    fx(
        () -> {
          work.run();
          return null;
        });
  }

  /** The longest gap between two pulses of the FX thread since {@link #begin}. */
  private static final class PulseGaps extends AnimationTimer {
    private long last;
    private long worst;

    static PulseGaps started() {
      PulseGaps gaps = new PulseGaps();
      gaps.start();
      return gaps;
    }

    @Override
    public void handle(long now) {
      if (last != 0) {
        worst = Math.max(worst, now - last);
      }
      last = now;
    }

    /**
     * Starts a phase; returns its start for its wall time. The last pulse is kept: the gap that
     * holds the phase's first step counts.
     */
    long begin() {
      fxRun(() -> worst = 0);
      return System.nanoTime();
    }

    long worst() {
      return worst;
    }

    /** Lets the FX thread draw a frame or two between steps, as a user's keystrokes would. */
    static void nextPulse() {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("training run interrupted", e);
      }
    }
  }
}
