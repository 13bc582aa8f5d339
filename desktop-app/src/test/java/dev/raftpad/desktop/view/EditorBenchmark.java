package dev.raftpad.desktop.view;

import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.desktop.testing.TestClients;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.OperationBuilder;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.scene.input.KeyCode;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * A benchmark, not a test (it asserts nothing about time): Ada's real editor window (headless
 * Monocle) on a generated, formatted document of a million code points in a one-node in-process
 * cluster. It opens the document, pages down through it, types in the middle, receives remote edits
 * and changes formatting (the document has headings, bold and italic runs, lists, emoji and
 * images), then pages down through it once more with the code warm, and prints, per phase, the gaps
 * between the FX thread's pulses (worst, p99, p50): a pulse is late by exactly as long as a handler
 * blocked the thread.
 *
 * <p>Run: {@code flock /tmp/raftpad-build.lock ./mvnw -B -o -pl desktop-app -am verify -DskipITs
 * -Dtest=EditorBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Draftpad.bench=true}. The figures
 * also go to {@code desktop-app/target/benchmarks/editor-1m.txt}.
 */
@EnabledIfSystemProperty(named = "raftpad.bench", matches = "true")
class EditorBenchmark {
  /**
   * The document's size: a server holds at most 1,000,000 code points per document, and the
   * benchmark's typing and remote edits need room.
   */
  static final int CODE_POINTS = Integer.getInteger("raftpad.bench.codePoints", 999_000);

  static final int TYPED = Integer.getInteger("raftpad.bench.typed", 60);
  static final int PAGES = Integer.getInteger("raftpad.bench.pages", 40);
  static final int REMOTE = Integer.getInteger("raftpad.bench.remote", 20);
  static final int FORMATS = Integer.getInteger("raftpad.bench.formats", 10);
  static final int FINDS = Integer.getInteger("raftpad.bench.finds", 10);

  /** The server's limit on one operation's inserted text: the document is sent in chunks. */
  static final int CHUNK = 90_000;

  @TempDir Path dir;
  final FxRobot robot = new FxRobot();
  final List<String> report = new ArrayList<>();

  @Test
  void aMillionCodePoints() throws Exception {
    FxToolkit.registerPrimaryStage();
    try (InProcessCluster cluster =
            InProcessCluster.start(InProcessCluster.settings(dir).withSize(1));
        RaftpadClient remote = TestClients.client(cluster, Runnable::run)) {
      Fx.Account ada = Fx.register(cluster, "Ada");
      MainWindow window = Fx.signedIn(cluster, ada, 0);
      Fx.resize(window, 1280, 800);
      RaftpadClient client = window.workspace().client();
      // The server refuses an image character whose image is not in the document's store: the
      // document starts empty, gets its three pictures, then its text.
      String id = client.documents().create("A million code points", "").id();
      List<String> pictures = new ArrayList<>();
      java.awt.Color[] colors = {java.awt.Color.BLUE, java.awt.Color.ORANGE, java.awt.Color.GREEN};
      for (int i = 0; i < colors.length; i++) {
        byte[] png = dev.raftpad.server.testing.TestImages.png(320 + 40 * i, 180, colors[i]);
        pictures.add(client.images().add(id, "image/png", png));
      }
      List<Operation> chunks = SampleDocument.content(CODE_POINTS, pictures, CHUNK);
      long revision = client.documents().get(id).revision();
      int length = 0;
      for (int i = 0; i < chunks.size(); i++) {
        OperationBuilder append = Operation.builder().retain(length);
        chunks.get(i).components().forEach(append::push);
        revision =
            client.edits().submit(id, "bench-loader", i + 1, revision, append.build()).revision();
        length += chunks.get(i).lengthChange();
      }
      // The remote edits come from Ada's second device.
      var unused = remote.login(ada.username(), ada.password(), "bench-remote");
      print(
          "editor benchmark: "
              + length
              + " code points; load average "
              + Files.readString(Path.of("/proc/loadavg")).trim());

      FrameMeter meter =
          fx(
              () -> {
                FrameMeter m = new FrameMeter(this::print);
                m.start();
                return m;
              });

      // The first editor a process opens pays for building the editor's controls for the first
      // time (class loading, linking, CSS, cold code) whatever the document: measured apart, on a
      // short note, so that the million code points' open below measures the document.
      String note = client.documents().create("A short note", "A short note.\n").id();
      // The app warms the editor's controls up while the user signs in, which takes a person
      // seconds; the benchmark signs in at once, so it waits for the warm-up as a person would.
      long warming = System.nanoTime();
      EditorWarmUp.start().get();
      print(
          String.format(
              java.util.Locale.ROOT,
              "warm-up done %.0f ms after sign-in",
              (System.nanoTime() - warming) / 1e6));
      meter.begin();
      long started = System.nanoTime();
      fxRun(() -> window.open(note));
      until("the note's editor on screen and in sync", () -> Fx.editorReady(window, note));
      meter.end("open a note (first editor, cold)", started);

      // Open: from the click in the browser to the editor on screen and in sync.
      meter.begin();
      started = System.nanoTime();
      fxRun(() -> window.open(id));
      until("the editor on screen and in sync", () -> Fx.editorReady(window, id));
      meter.end("open 1M (second editor)", started);
      EditorView editor = fx(() -> window.editor(id).orElseThrow());
      var area = fx(() -> editor.editor().area());
      fxRun(area::requestFocus);

      // Scroll: Page Down through the document from the top.
      fxRun(() -> area.moveTo(0));
      meter.begin();
      started = System.nanoTime();
      pageDown();
      meter.end("scroll (" + PAGES + "× Page Down)", started);

      // Type: characters at the caret in the middle of the document.
      int middle = fx(() -> area.getLength() / 2);
      fxRun(
          () -> {
            area.moveTo(middle);
            area.moveTo(area.getCurrentParagraph(), 0);
            area.requestFollowCaret();
          });
      meter.begin();
      started = System.nanoTime();
      robot.write("typing in the middle ".repeat(TYPED / 21 + 1).substring(0, TYPED));
      until("the typing confirmed", () -> editor.model().isSynchronized());
      meter.end("type (" + TYPED + " characters)", started);

      // Remote edits: another client's inserts near the middle arriving one after the other.
      meter.begin();
      started = System.nanoTime();
      long base = remote.documents().get(id).revision();
      for (int i = 0; i < REMOTE; i++) {
        int expected = fx(() -> editor.model().document().length()) + 6;
        Operation insert = Operation.insert(CODE_POINTS / 3, "remote", Attributes.NONE);
        base = remote.edits().submit(id, "bench-remote", i + 1, base, insert).revision();
        until("the remote edit shown", () -> editor.model().document().length() == expected);
      }
      meter.end("remote edit (" + REMOTE + " arriving)", started);

      // Formatting: bold and a heading on a selection in the middle, through the editor's commands.
      meter.begin();
      started = System.nanoTime();
      for (int i = 0; i < FORMATS; i++) {
        String command = i % 2 == 0 ? "bold" : "h2";
        fxRun(
            () -> {
              int at = area.getCaretPosition();
              area.selectRange(Math.max(0, at - 40), at);
              editor.editor().command(command);
            });
        until("the formatting confirmed", () -> editor.model().isSynchronized());
      }
      meter.end("format (" + FORMATS + "× bold / heading)", started);

      // Find: a word on every few lines of the document, then Next through the matches.
      meter.begin();
      started = System.nanoTime();
      TrainingRun.findFromCaret(editor, area, "quorum");
      until(
          "the matches counted",
          () ->
              ((javafx.scene.control.Label) editor.node().lookup("#find-count"))
                  .getText()
                  .contains(" of "));
      for (int i = 0; i < FINDS; i++) {
        fxRun(() -> editor.command("find-next"));
      }
      meter.end(
          "find ("
              + fx(() -> editor.find().matchesProperty().get().size())
              + " matches, "
              + FINDS
              + "× Next)",
          started);

      // Copy: the whole document selected and copied (Raftpad's own form, HTML and text). The
      // caret goes back to the top after the phase: that jump is a scroll, not the copy.
      meter.begin();
      started = System.nanoTime();
      fxRun(
          () -> {
            area.selectAll();
            editor.command("copy");
          });
      fxRun(() -> {}); // the pulse after it
      meter.end("copy all", started);
      fxRun(() -> area.moveTo(0));

      // History: the panel shown, then the oldest version chosen (its text before the typing,
      // remote edits and formatting): its preview and its diff to the text now.
      meter.begin();
      started = System.nanoTime();
      fxRun(() -> editor.showPanel("history-tab"));
      until("the versions listed", () -> !editor.history().versions().isEmpty());
      fxRun(
          () ->
              ((javafx.scene.control.ListView<?>) editor.node().lookup("#versions"))
                  .getSelectionModel()
                  .selectLast());
      until("the version's diff shown", () -> !editor.history().diff().isEmpty());
      fxRun(() -> {}); // and laid out
      meter.end(
          "history ("
              + fx(() -> editor.history().versions().size())
              + " versions, diff of the oldest)",
          started);
      fxRun(() -> editor.showPanel("people-tab"));

      // The same scroll again, now that the process has run the editor for a while: the first
      // round's late frames are mostly code running for the first time (JIT, CSS caches), which
      // a user pays once per launch.
      fxRun(
          () -> {
            area.moveTo(0);
            area.requestFollowCaret();
          });
      fxRun(() -> {}); // the jump to the top laid out before measuring
      meter.begin();
      started = System.nanoTime();
      pageDown();
      meter.end("scroll again (warm, " + PAGES + "×)", started);
      fxRun(meter::stop);
      Fx.close(window);
    }
    Path out = Path.of("target", "benchmarks", "editor-1m.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(
        out,
        String.join("\n", report) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING);
  }

  /**
   * How long an FX turn or a condition may take here: before the editor was made incremental, one
   * FX turn on this document took longer than the UI tests' 30 s.
   */
  private static final java.time.Duration PATIENCE = java.time.Duration.ofMinutes(15);

  static <T> T fx(Callable<T> work) {
    return Fx.fx(work, PATIENCE);
  }

  static void fxRun(Runnable work) {
    Fx.fxRun(work, PATIENCE);
  }

  static void until(String what, BooleanSupplier condition) {
    Await.until(what, PATIENCE, () -> fx(condition::getAsBoolean));
  }

  /** {@link #PAGES} times Page Down, as a user paging through. */
  private void pageDown() {
    for (int i = 0; i < PAGES; i++) {
      robot.type(KeyCode.PAGE_DOWN);
    }
  }

  private void print(String line) {
    System.out.println(line);
    report.add(line);
  }

  /**
   * Records the gap between consecutive pulses of the FX thread while a phase runs. An animation
   * timer keeps the pulses coming (60 a second when the thread is free).
   */
  static final class FrameMeter extends AnimationTimer {
    private final Histogram gaps = new Histogram(3);
    private final java.util.function.Consumer<String> out;
    private boolean recording;
    private long last;
    private long worstGap;
    private java.time.Instant worstEnded;

    FrameMeter(java.util.function.Consumer<String> out) {
      this.out = out;
    }

    @Override
    public void handle(long now) {
      if (recording && last != 0) {
        gaps.recordValue(Math.max(1, (now - last) / 1_000));
        if (now - last > worstGap) {
          worstGap = now - last;
          worstEnded = java.time.Instant.now();
        }
      }
      last = now;
    }

    void begin() {
      // On stdout only, to cut a profile of the run (JFR) into the phases.
      System.out.println("phase begins at " + java.time.Instant.now());
      fxRun(
          () -> {
            // The last pulse is kept: the phase's first action runs in the FX turn after this one,
            // and the gap it makes must count.
            gaps.reset();
            worstGap = 0;
            recording = true;
          });
    }

    void end(String phase, long startedNanos) {
      long wallMillis = (System.nanoTime() - startedNanos) / 1_000_000;
      // One more pulse, so a stall at the very end is measured too.
      fxRun(() -> {});
      fxRun(() -> recording = false);
      Histogram h = fx(gaps::copy);
      // On stdout only, to find the worst frame in a profile.
      System.out.println("the worst gap ended at " + fx(() -> worstEnded));
      out.accept(
          String.format(
              java.util.Locale.ROOT,
              "%-34s frames %6d  worst %8.1f ms  p99 %8.1f ms  p50 %6.1f ms  wall %7d ms",
              phase,
              h.getTotalCount(),
              h.getMaxValue() / 1000.0,
              h.getValueAtPercentile(99) / 1000.0,
              h.getValueAtPercentile(50) / 1000.0,
              wallMillis));
    }
  }
}
