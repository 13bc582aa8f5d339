package dev.raftpad.desktop.view;

import dev.raftpad.desktop.export.CopiedPassage;
import dev.raftpad.desktop.export.DocumentPictures;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Insert;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.text.Document;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.scene.input.Clipboard;

/**
 * Raftpad's side of {@link ClipboardAcrossProcessesIT}, in a process of its own with JavaFX on the
 * X display (GTK, not the tests' Monocle), using the editor's own paste and copy code.
 *
 * <ul>
 *   <li>{@code paste}: reads the system clipboard's HTML as the editor's paste does ({@link
 *       ClipboardPaste#fromHtml}) and prints each piece of text it would insert, one per line, as
 *       {@code insert:TEXT|bold|italic|link=URL} (line ends escaped as {@code \n}).
 *   <li>{@code copy}: copies a formatted passage as the editor's copy does ({@link
 *       ClipboardCopy#contentOf}), prints {@code ready} and owns the clipboard until its standard
 *       input closes.
 * </ul>
 */
public final class RaftpadClipboardProbe {
  /** The passage {@code copy} puts on the clipboard: "Hello " and a bold, linked "world". */
  static final Operation COPIED =
      Operation.builder()
          .insert("Hello ")
          .insert("world", Attributes.builder().bold(true).link("https://raftpad.dev").build())
          .insert("\n")
          .build();

  private RaftpadClipboardProbe() {}

  public static void main(String[] args) throws Exception {
    int status = 1;
    try {
      run(args);
      status = 0;
    } finally {
      // The FX thread is not a daemon: without this, a failure would leave the process running.
      System.exit(status);
    }
  }

  private static void run(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    CountDownLatch started = new CountDownLatch(1);
    Platform.startup(started::countDown);
    started.await();
    switch (args[0]) {
      case "paste" -> {
        String html =
            onFx(
                () -> {
                  Clipboard clipboard = Clipboard.getSystemClipboard();
                  return clipboard.hasHtml() ? clipboard.getHtml() : null;
                });
        if (html == null) {
          out.println("no html");
        } else {
          describe(ClipboardPaste.fromHtml(html).content()).forEach(out::println);
        }
      }
      case "copy" -> {
        Document document = Document.empty().apply(COPIED);
        CopiedPassage passage = CopiedPassage.of("probe", document, 0, document.length());
        var unused =
            onFx(
                () ->
                    Clipboard.getSystemClipboard()
                        .setContent(
                            ClipboardCopy.contentOf(
                                passage, passage.encode(), DocumentPictures.NONE)));
        out.println("ready");
        while (System.in.read() >= 0) {
          // Keeps owning the clipboard until the test closes our input.
        }
      }
      default -> throw new IllegalArgumentException("paste | copy");
    }
  }

  private static List<String> describe(Operation content) {
    List<String> lines = new ArrayList<>();
    for (var component : content.components()) {
      if (component instanceof Insert insert) {
        Attributes a = insert.attributes();
        StringBuilder line =
            new StringBuilder("insert:").append(insert.text().replace("\n", "\\n"));
        if (Boolean.TRUE.equals(a.bold())) {
          line.append("|bold");
        }
        if (Boolean.TRUE.equals(a.italic())) {
          line.append("|italic");
        }
        if (a.link() != null && !a.link().isEmpty()) {
          line.append("|link=").append(a.link());
        }
        lines.add(line.toString());
      }
    }
    return lines;
  }

  private static <T> T onFx(Callable<T> work) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          try {
            result.complete(work.call());
          } catch (Exception | Error e) {
            result.completeExceptionally(e);
          }
        });
    return result.get();
  }
}
