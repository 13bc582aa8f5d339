package dev.raftpad.desktop.view;

import static dev.raftpad.desktop.view.Fx.fx;
import static dev.raftpad.desktop.view.Fx.fxRun;
import static dev.raftpad.desktop.view.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.client.sdk.model.AccessEntry;
import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.desktop.viewmodel.DocumentRow;
import dev.raftpad.server.testing.InProcessCluster;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * Sharing in the real windows: Ada shares her document with Bob from the Share dialog, Bob sees it
 * in his list with his role and a read-only editor with a banner while he is a viewer, becomes an
 * editor live, and loses it live when Ada removes him.
 */
class SharingUiTest {
  @TempDir static Path dir;
  static InProcessCluster cluster;
  static Fx.Account adaAccount;
  static Fx.Account bobAccount;
  final FxRobot robot = new FxRobot();

  @BeforeAll
  static void startCluster() throws Exception {
    FxToolkit.registerPrimaryStage();
    cluster = InProcessCluster.start(InProcessCluster.settings(dir).withSize(1));
    adaAccount = Fx.register(cluster, "Ada");
    bobAccount = Fx.register(cluster, "Bob");
  }

  @AfterAll
  static void stopCluster() throws Exception {
    FxToolkit.cleanupStages();
    cluster.close();
  }

  private static DocumentRole bobsRoleInHisList(MainWindow bob, String documentId) {
    return bob.workspace().browser().visibleRows().stream()
        .filter(r -> r.info().id().equals(documentId))
        .map(r -> r.info().yourRole())
        .findFirst()
        .orElse(DocumentRole.NONE);
  }

  private DialogPane dialog() {
    return robot.lookup("#share-dialog").queryAs(DialogPane.class);
  }

  @SuppressWarnings("unchecked")
  private static <T> ListView<T> list(Node root, String id) {
    return (ListView<T>) root.lookup(id);
  }

  @SuppressWarnings("unchecked")
  private static ComboBox<DocumentRole> roles(Node root, String id) {
    return (ComboBox<DocumentRole>) root.lookup(id);
  }

  @Test
  void theOwnerSharesFromTheDialogAndTheViewerGetsAReadOnlyEditorWithABanner() {
    MainWindow ada = Fx.signedIn(cluster, adaAccount, 0);
    MainWindow bob = Fx.signedIn(cluster, bobAccount, 960);
    String bobName = bobAccount.username();
    String documentId =
        ada.workspace().client().documents().create("Team plan", "Hello team\n").id();
    fxRun(() -> ada.open(documentId));
    until("Ada's editor open", () -> ada.editor(documentId).isPresent());
    until(
        "Bob's list without Ada's private document",
        () -> bobsRoleInHisList(bob, documentId) == DocumentRole.NONE);
    assertThat(ada.workspace().browser().sharing(documentId).suggestions(bobName.substring(0, 3)))
        .as("completion offers Bob")
        .contains(bobName);

    robot.clickOn(fx(() -> ada.node().lookup("#share")));
    until(
        "the Share dialog open and loaded",
        () ->
            !robot.lookup("#share-owner").queryAll().isEmpty()
                && !robot.lookup("#share-owner").queryAs(Label.class).getText().isEmpty());
    robot.clickOn("#share-username").write(bobName);
    fxRun(() -> roles(dialog(), "#share-role").setValue(DocumentRole.VIEWER));
    // Fired rather than clicked: the completion popup under the field may hold the first click.
    fxRun(() -> ((javafx.scene.control.Button) dialog().lookup("#share-add")).fire());

    until(
        "Bob listed as a viewer in the dialog",
        () ->
            SharingUiTest.<AccessEntry>list(dialog(), "#share-people").getItems().stream()
                .anyMatch(
                    p -> p.user().username().equals(bobName) && p.role() == DocumentRole.VIEWER));
    until(
        "the change in the dialog's history",
        () -> !list(dialog(), "#share-history").getItems().isEmpty());
    Fx.screenshot(fx(() -> dialog().getScene()), "share-dialog");

    until(
        "Bob's list shows the document with his role, live",
        () -> bobsRoleInHisList(bob, documentId) == DocumentRole.VIEWER);
    fxRun(() -> bob.open(documentId));
    until("Bob's editor open", () -> bob.editor(documentId).isPresent());
    Label banner =
        fx(() -> (Label) bob.editor(documentId).orElseThrow().node().lookup("#read-only-banner"));
    until(
        "the viewer banner shown",
        () -> banner.isVisible() && banner.getText().startsWith("View only"));
    assertThat(fx(() -> bob.editor(documentId).orElseThrow().editor().area().isEditable()))
        .isFalse();
    assertThat(
            fx(
                () ->
                    bob.editor(documentId)
                        .orElseThrow()
                        .node()
                        .lookup("#lock-toggle")
                        .isDisabled()))
        .as("viewers cannot lock")
        .isTrue();
    assertThat(
            fx(
                () ->
                    bob.editor(documentId)
                        .orElseThrow()
                        .node()
                        .lookup("#add-comment")
                        .isDisabled()))
        .as("viewers read comments but cannot write them")
        .isTrue();
    assertThat(
            fx(
                () ->
                    ((javafx.scene.control.MenuButton)
                            bob.editor(documentId).orElseThrow().node().lookup("#mode"))
                        .getText()))
        .contains("Viewing");
    Fx.screenshot(fx(() -> bob.node().getScene()), "viewer-banner");
    fxRun(() -> bob.editor(documentId).orElseThrow().showPanel("history-tab"));
    until(
        "the sharing change in the document's history panel",
        () ->
            bob.editor(documentId).orElseThrow().history().sharing().stream()
                .anyMatch(line -> line.contains("shared it with Bob as Viewer")));

    // Ada makes Bob an editor: his editor opens up without a reload.
    fxRun(() -> roles(dialog(), "#share-role-" + bobName).setValue(DocumentRole.EDITOR));
    until(
        "Bob may edit",
        () ->
            !banner.isVisible()
                && bob.editor(documentId).orElseThrow().editor().area().isEditable());

    // Ada removes Bob: his editor stops and the document leaves his list.
    until(
        "the dialog ready for the next change",
        () -> !dialog().lookup("#share-remove-" + bobName).isDisabled());
    fxRun(() -> ((javafx.scene.control.Button) dialog().lookup("#share-remove-" + bobName)).fire());
    until(
        "Bob's editor read-only and told why",
        () ->
            banner.isVisible()
                && banner.getText().contains("no longer have access")
                && !bob.editor(documentId).orElseThrow().editor().area().isEditable());
    until(
        "the document gone from Bob's list",
        () ->
            bob.workspace().browser().visibleRows().stream()
                .map(DocumentRow::info)
                .noneMatch(i -> i.id().equals(documentId)));

    fxRun(() -> dialog().getScene().getWindow().hide());
    Fx.close(ada);
    Fx.close(bob);
  }
}
