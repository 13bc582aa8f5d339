package dev.raftpad.desktop.view;

import static dev.raftpad.desktop.view.Fx.fx;
import static dev.raftpad.desktop.view.Fx.fxRun;
import static dev.raftpad.desktop.view.Fx.until;

import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.server.testing.InProcessCluster;

/**
 * Ada's and Bob's workspace windows side by side, each with the same new document open in an editor
 * and in sync: the one fixture for tests of two people editing one document. Opened per test,
 * closed after it.
 */
final class TwoEditors {
  final MainWindow ada;
  final MainWindow bob;
  final String documentId;

  private TwoEditors(MainWindow ada, MainWindow bob, String documentId) {
    this.ada = ada;
    this.bob = bob;
    this.documentId = documentId;
  }

  /**
   * Signs both in (side by side: the robot clicks screen coordinates, so the windows must not
   * overlap), creates Ada's document {@code title} holding {@code text} that anyone with the link
   * may edit, opens it in both windows and waits until both editors are on screen and in sync.
   */
  static TwoEditors open(
      InProcessCluster cluster, Fx.Account ada, Fx.Account bob, String title, String text) {
    MainWindow adaWindow = Fx.signedIn(cluster, ada, 0);
    MainWindow bobWindow = Fx.signedIn(cluster, bob, 960);
    String documentId = adaWindow.workspace().client().documents().create(title, text).id();
    var unused =
        adaWindow.workspace().client().sharing().setLinkAccess(documentId, DocumentRole.EDITOR);
    TwoEditors editors = new TwoEditors(adaWindow, bobWindow, documentId);
    fxRun(() -> adaWindow.open(documentId));
    fxRun(() -> bobWindow.open(documentId));
    until(
        "both editors on screen and in sync",
        () -> editors.ready(adaWindow) && editors.ready(bobWindow));
    return editors;
  }

  /** The editor is open, clickable, loaded and live ({@link Fx#editorReady}). */
  boolean ready(MainWindow window) {
    return Fx.editorReady(window, documentId);
  }

  /** The window's editor; on the FX thread. */
  EditorView editor(MainWindow window) {
    return window.editor(documentId).orElseThrow();
  }

  /** The window's area; on the FX thread (inside {@code fx}, {@code fxRun} or {@code until}). */
  EditorArea area(MainWindow window) {
    return editor(window).editor().area();
  }

  /** The window's editor makes {@code operation} as its user's own edit (from any thread). */
  void edit(MainWindow window, dev.raftpad.document.op.Operation operation) {
    fxRun(() -> editor(window).model().edit(operation));
  }

  String text(MainWindow window) {
    return fx(() -> area(window).getText());
  }

  /**
   * Both areas show the same text, every edit is confirmed, each area matches its session, and the
   * two sessions hold the same document (formatting included).
   */
  void converged() {
    until(
        "both editors identical and synchronized",
        () ->
            editor(ada).model().isSynchronized()
                && editor(bob).model().isSynchronized()
                && area(ada).getText().equals(area(bob).getText())
                && area(ada).getText().equals(editor(ada).model().document().text())
                && area(bob).getText().equals(editor(bob).model().document().text())
                && editor(ada).model().document().equals(editor(bob).model().document()));
  }

  void close() {
    Fx.close(ada);
    Fx.close(bob);
  }
}
