package dev.raftpad.desktop.view;

import static dev.raftpad.desktop.view.Fx.fx;
import static dev.raftpad.desktop.view.Fx.fxRun;
import static dev.raftpad.desktop.view.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.desktop.viewmodel.ImageSource;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Images;
import dev.raftpad.document.op.Operation;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * Issue 22's formatting through the real toolbar of one window, seen rendered in another window on
 * the same document, against a real three-node cluster (headless Monocle).
 */
class FormattingUiTest {
  @RegisterExtension static final TwoUsers users = TwoUsers.onNodes(3);
  TwoEditors editors;
  MainWindow ada;
  MainWindow bob;
  String documentId;
  final FxRobot robot = new FxRobot();

  @BeforeEach
  void openWindows() {
    editors =
        TwoEditors.open(
            users.cluster(),
            users.ada(),
            users.bob(),
            "Formats",
            "Centred serif title\nmilk\neggs\nplain text\n");
    ada = editors.ada;
    bob = editors.bob;
    documentId = editors.documentId;
  }

  @AfterEach
  void closeWindows() {
    if (editors != null) {
      editors.close();
    }
  }

  /** A control of the window's editor by id; on the FX thread. */
  <T extends Node> T control(MainWindow window, String id, Class<T> type) {
    return type.cast(window.editor(documentId).orElseThrow().node().lookup("#" + id));
  }

  void select(MainWindow window, int from, int to) {
    fxRun(
        () -> {
          editors.area(window).requestFocus();
          editors.area(window).selectRange(from, to);
        });
    until(
        "the selection reached the model",
        () -> window.editor(documentId).orElseThrow().model().selection().head() == to);
  }

  /** Picks {@code value} in one of the window's combo boxes, as a click on it would. */
  void choose(MainWindow window, String id, String value) {
    fxRun(
        () -> {
          ComboBox<?> box = control(window, id, ComboBox.class);
          box.getSelectionModel().select(box.getItems().indexOf(value));
        });
  }

  /** The inline CSS of the character at {@code position} in the window's area; on the FX thread. */
  String style(MainWindow window, int position) {
    return editors.area(window).getStyleOfChar(position);
  }

  @Test
  void alignmentFontAndHighlightSetInOneWindowAreRenderedInTheOther() {
    select(ada, 0, 19);
    robot.clickOn(fx(() -> control(ada, "format-align-center", Node.class)));
    choose(ada, "format-font", "serif");
    choose(ada, "format-size", "24");
    select(ada, 8, 13);
    fxRun(() -> control(ada, "format-highlight", ColorPicker.class).setValue(Color.YELLOW));
    fxRun(() -> control(ada, "format-color", ColorPicker.class).setValue(Color.web("#c0392b")));
    until(
        "the highlight and colour in Ada's own document",
        () -> {
          String runs = ada.editor(documentId).orElseThrow().model().document().runs().toString();
          return runs.contains("#ffff00") && runs.contains("#c0392b");
        });

    until(
        "Bob's first line centred",
        () ->
            editors
                .area(bob)
                .getParagraph(0)
                .getParagraphStyle()
                .contains("-fx-text-alignment: center;"));
    until("Bob's first line in serif", () -> style(bob, 1).contains("-fx-font-family: serif;"));
    until("Bob's first line in 24 pt", () -> style(bob, 1).contains("-fx-font-size: 24pt;"));
    until(
        "'serif' highlighted yellow at Bob's",
        () -> style(bob, 10).contains("-rtfx-background-color: #ffff00;"));
    until("'serif' in red at Bob's", () -> style(bob, 10).contains("-fx-fill: #c0392b;"));
    assertThat(fx(() -> style(bob, 1))).doesNotContain("#ffff00");
    // Only the touched line is centred.
    assertThat(fx(() -> editors.area(bob).getParagraph(3).getParagraphStyle())).isEmpty();

    select(ada, 20, 29);
    robot.clickOn(fx(() -> control(ada, "format-checklist", Node.class)));
    until("Bob sees two checkboxes", () -> control(bob, "check-2", CheckBox.class) != null);
    assertThat(fx(() -> editors.area(bob).lookupAll(".list-marker")))
        .as("the two items have a marker; the lines in no list have no node for one")
        .hasSize(2)
        .allMatch(CheckBox.class::isInstance);
    robot.clickOn(fx(() -> control(ada, "check-1", CheckBox.class)));
    until(
        "Bob's first item ticked, the second not",
        () ->
            control(bob, "check-1", CheckBox.class).isSelected()
                && !control(bob, "check-2", CheckBox.class).isSelected());

    Fx.resize(ada, 1280, 800);
    fxRun(() -> editors.area(ada).selectRange(0, 0));
    Fx.screenshot(fx(() -> ada.node().getScene()), "formatting");
  }

  /**
   * Menu shortcuts fire wherever the keyboard is; in the find box (any text field but the document)
   * Ctrl+B must not bold the document's selection, and Ctrl+A selects the box's text.
   */
  @Test
  void shortcutsInTheFindBoxActOnTheBoxNotOnTheDocument() {
    javafx.stage.Stage stage =
        fx(() -> (javafx.stage.Stage) editors.area(ada).getScene().getWindow());
    fxRun(
        () -> {
          stage.toFront();
          stage.requestFocus();
        });
    until("Ada's window has the keyboard", stage::isFocused);
    robot.clickOn(fx(() -> editors.area(ada)));
    robot.push(KeyCode.CONTROL, KeyCode.F);
    javafx.scene.control.TextField field =
        fx(() -> control(ada, "find-field", javafx.scene.control.TextField.class));
    until("the find box has the keyboard", () -> fx(field::isFocused));
    robot.write("milk");
    until(
        "the match is selected in the document",
        () -> fx(() -> editors.area(ada).getSelectedText()).equals("milk"));

    robot.push(KeyCode.CONTROL, KeyCode.B);
    robot.push(KeyCode.CONTROL, KeyCode.A);

    // Keys are handled in order: once Ctrl+A has selected the box's text, Ctrl+B was handled.
    until("Ctrl+A selected the find box's text", () -> fx(field::getSelectedText).equals("milk"));
    assertThat(ada.editor(documentId).orElseThrow().model().document().runs().toString())
        .doesNotContain("bold=true");
    assertThat(fx(() -> editors.area(ada).getSelectedText())).isEqualTo("milk");
  }

  /** Like a word processor's, the toolbars show the formatting where the caret is. */
  @Test
  void theToolbarsShowTheFormattingWhereTheCaretIs() {
    select(ada, 0, 7);
    robot.clickOn(fx(() -> control(ada, "format-bold", Node.class)));
    choose(ada, "format-font", "serif");
    robot.clickOn(fx(() -> control(ada, "format-align-center", Node.class)));
    until(
        "'Centred' bold, serif and centred in Ada's document",
        () -> {
          String runs = ada.editor(documentId).orElseThrow().model().document().runs().toString();
          return runs.contains("bold=true") && runs.contains("serif") && runs.contains("CENTER");
        });

    select(ada, 3, 3);
    until(
        "Bold shown pressed in bold text",
        () -> fx(() -> Toolbars.isPressed(control(ada, "format-bold", Button.class))));
    assertThat(fx(() -> control(ada, "format-font", ComboBox.class).getValue())).isEqualTo("serif");
    assertThat(fx(() -> Toolbars.isPressed(control(ada, "format-align-center", Button.class))))
        .isTrue();

    select(ada, 22, 22);
    until(
        "Bold no longer pressed in plain text",
        () -> !fx(() -> Toolbars.isPressed(control(ada, "format-bold", Button.class))));
    assertThat(fx(() -> control(ada, "format-font", ComboBox.class).getValue()))
        .isEqualTo(FormatBar.DEFAULT);
    assertThat(fx(() -> Toolbars.isPressed(control(ada, "format-align-left", Button.class))))
        .isTrue();

    // From the end of "milk" back into the title: the caret (the head) is in serif text, and the
    // font box showing it must not set serif on the whole selection.
    select(ada, 24, 3);
    until(
        "the font box follows the caret",
        () -> "serif".equals(fx(() -> control(ada, "format-font", ComboBox.class).getValue())));
    // Following the caret never formats: the title is serif throughout, "milk" is not.
    var document = ada.editor(documentId).orElseThrow().model().document();
    assertThat(document.runs(0, 7))
        .allSatisfy(run -> assertThat(run.attributes().fontFamily()).isEqualTo("serif"));
    assertThat(document.runs(20, 4))
        .allSatisfy(run -> assertThat(run.attributes().fontFamily()).isNull());

    // The colour pickers follow too: "milk" in red on yellow shows both; "eggs" shows none.
    select(ada, 20, 24);
    fxRun(() -> control(ada, "format-color", ColorPicker.class).setValue(Color.web("#c0392b")));
    fxRun(() -> control(ada, "format-highlight", ColorPicker.class).setValue(Color.YELLOW));
    until(
        "'milk' red on yellow",
        () -> {
          String runs = ada.editor(documentId).orElseThrow().model().document().runs().toString();
          return runs.contains("#c0392b") && runs.contains("#ffff00");
        });
    var coloured = fx(() -> ada.editor(documentId).orElseThrow().model().document());
    select(ada, 27, 27);
    until(
        "no colour shown in plain text",
        () ->
            control(ada, "format-color", ColorPicker.class).getValue() == null
                && control(ada, "format-highlight", ColorPicker.class).getValue() == null);
    // A selection from "eggs" back into "milk": the caret (the head) is in the coloured text, and
    // the pickers showing it must not colour the selection.
    select(ada, 27, 22);
    until(
        "the caret's colours shown in 'milk'",
        () ->
            Color.web("#c0392b").equals(control(ada, "format-color", ColorPicker.class).getValue())
                && Color.YELLOW.equals(
                    control(ada, "format-highlight", ColorPicker.class).getValue()));
    Fx.screenshot(fx(() -> control(ada, "format-bar", Node.class)), "format-bar-caret-colours");
    select(ada, 27, 26);
    until(
        "none again in 'eggs'",
        () -> control(ada, "format-color", ColorPicker.class).getValue() == null);
    // Following the caret never formats: the document is as the two picks left it.
    assertThat(fx(() -> ada.editor(documentId).orElseThrow().model().document()))
        .isEqualTo(coloured);
  }

  @Test
  void anImageCharacterIsDrawnInlineFromTheImageSource() throws Exception {
    byte[] png = png(320, 180);
    String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
    ImageSource store =
        (imageId, then, failed) -> {
          if (imageId.equals(id)) {
            then.accept(new ImageSource.ImageData("image/png", png));
          } else {
            failed.accept("not in the store");
          }
        };
    // The server takes an image character only for an image in the document's store.
    assertThat(ada.workspace().client().images().add(documentId, "image/png", png)).isEqualTo(id);
    fxRun(() -> editors.editor(bob).editor().showImagesFrom(store));
    fxRun(() -> editors.editor(ada).editor().showImagesFrom(ImageSource.NONE));
    // Ada inserts the image on a line of its own below the title (her window shows no images).
    editors.edit(
        ada,
        Operation.builder()
            .retain(20)
            .insert(Images.CHARACTER, Attributes.builder().image(id).build())
            .insert("\n")
            .build());
    editors.converged();

    until("Bob's area draws the image", () -> drawn(bob, ImageView.class).size() == 1);
    ImageView view = fx(() -> drawn(bob, ImageView.class).get(0));
    assertThat(fx(() -> view.getImage().getWidth())).isEqualTo(320);
    assertThat(fx(() -> view.getImage().getPixelReader().getArgb(5, 5))).isEqualTo(0xFF2563EB);
    // One character of the area's text, the document's U+FFFC.
    assertThat(fx(() -> editors.area(bob).getText(20, 21))).isEqualTo(Images.CHARACTER);
    assertThat(fx(() -> editors.area(bob).getLength()))
        .isEqualTo(fx(() -> editors.editor(bob).model().document().utf16Length()));
    until(
        "Ada's area shows a broken image saying why",
        () ->
            drawn(ada, Label.class).stream()
                .anyMatch(
                    l ->
                        l.getStyleClass().contains("inline-image-broken")
                            && l.getTooltip().getText().contains("no image store")));

    Fx.screenshot(fx(() -> editors.area(ada)), "image-broken");
    Fx.resize(bob, 1280, 800);
    fxRun(() -> editors.area(bob).selectRange(0, 0));
    Fx.screenshot(fx(() -> bob.node().getScene()), "image-inline");

    // Backspace after the image deletes it, and only it, in both windows.
    fxRun(
        () -> {
          editors.area(bob).moveTo(21);
          editors.area(bob).deletePreviousChar();
        });
    editors.converged();
    assertThat(editors.text(ada)).isEqualTo("Centred serif title\n\nmilk\neggs\nplain text\n");
    until("Bob's image gone", () -> drawn(bob, ImageView.class).isEmpty());
  }

  /** The nodes of one type drawn for images in the window's area; on the FX thread. */
  <T extends Node> List<T> drawn(MainWindow window, Class<T> type) {
    return editors.area(window).lookupAll("." + InlineImages.STYLE_CLASS).stream()
        .flatMap(holder -> ((Parent) holder).getChildrenUnmodifiable().stream())
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  /** A PNG that reads as a picture: blue sky, a yellow sun, green ground. */
  static byte[] png(int width, int height) throws java.io.IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int dx = x - width * 3 / 4;
        int dy = y - height / 3;
        boolean sun = dx * dx + dy * dy < (height / 6) * (height / 6);
        image.setRGB(x, y, y > height * 2 / 3 ? 0xFF16A34A : sun ? 0xFFFACC15 : 0xFF2563EB);
      }
    }
    var out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
