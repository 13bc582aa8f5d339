package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.CaretFormat;
import dev.raftpad.desktop.viewmodel.EditorViewModel;
import dev.raftpad.document.op.Alignment;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.FormatValues;
import dev.raftpad.document.op.LineSpacing;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.paint.Color;

/**
 * The second toolbar row (issue 22): font family and size, text and highlight colour, alignment,
 * line spacing, indent, checklist and clear formatting. A row of its own so the first row still
 * fits a 950 px window with Lock and Export outside its overflow menu. Every control goes through
 * the {@link EditorViewModel} (or the editor's named commands, which shortcuts share), and all are
 * off where formatting is (read-only, suggesting).
 */
final class FormatBar {
  /** The combo entry that removes a font or size. */
  static final String DEFAULT = "Default";

  private final EditorViewModel model;
  private final RichTextEditor editor;
  private final ToolBar bar = new ToolBar();
  private final java.util.Map<Alignment, Button> alignButtons =
      new java.util.EnumMap<>(Alignment.class);
  private ComboBox<String> fontBox;
  private ComboBox<String> sizeBox;
  private final CaretColourPicker textColour =
      new CaretColourPicker("format-color", "Text colour", c -> format(color(c)));
  private final CaretColourPicker highlightColour =
      new CaretColourPicker("format-highlight", "Highlight colour", c -> format(highlight(c)));

  /** True while the boxes are set to follow the caret: that is not the user choosing. */
  private boolean following;

  FormatBar(EditorViewModel model, RichTextEditor editor) {
    this.model = model;
    this.editor = editor;
    bar.setId("format-bar");
    bar.getStyleClass().add("editor-toolbar");
    bar.getItems()
        .addAll(
            fontFamily(),
            fontSize(),
            new Separator(),
            off(textColour.control()),
            off(highlightColour.control()),
            new Separator(),
            align(Alignment.NONE, "align-left", "Align left (Ctrl+Shift+L)"),
            align(Alignment.CENTER, "align-center", "Centre (Ctrl+Shift+E)"),
            align(Alignment.RIGHT, "align-right", "Align right (Ctrl+Shift+R)"),
            align(Alignment.JUSTIFY, "align-justify", "Justify (Ctrl+Shift+J)"),
            lineSpacing(),
            new Separator(),
            command("⇤", "outdent", "Decrease indent (Ctrl+[, Shift+Tab in a list)"),
            command("⇥", "indent", "Increase indent (Ctrl+], Tab in a list)"),
            command("☑", "checklist", "Checklist"),
            new Separator(),
            command("T̸", "clear-formatting", "Clear formatting (Ctrl+\\)"));
    model.caretFormatProperty().addListener((o, was, now) -> follow(now));
    follow(model.caretFormatProperty().get());
  }

  /** Shows the caret's font, size, colours and alignment, as word processors' toolbars do. */
  private void follow(CaretFormat at) {
    following = true;
    try {
      String family = at.inline().fontFamily();
      fontBox.setValue(family == null || family.isEmpty() ? DEFAULT : family);
      Integer size = at.inline().fontSize();
      sizeBox.setValue(size == null || size == 0 ? DEFAULT : Integer.toString(size));
    } finally {
      following = false;
    }
    textColour.follow(at.inline().color());
    highlightColour.follow(at.inline().highlight());
    Alignment align = at.line().align() == null ? Alignment.NONE : at.line().align();
    alignButtons.forEach((alignment, button) -> Toolbars.pressed(button, alignment == align));
  }

  Node node() {
    return bar;
  }

  private ComboBox<String> fontFamily() {
    ComboBox<String> box = new ComboBox<>();
    box.setId("format-font");
    box.getItems().add(DEFAULT);
    box.getItems().addAll(FormatValues.FONT_FAMILIES);
    box.setPromptText("Font");
    box.setTooltip(new Tooltip("Font"));
    fontBox = box;
    box.setOnAction(
        e -> {
          String family = box.getValue();
          if (family != null && !following) {
            model.format(
                Attributes.builder().fontFamily(family.equals(DEFAULT) ? "" : family).build());
            refocus();
          }
        });
    return off(box);
  }

  private ComboBox<String> fontSize() {
    ComboBox<String> box = new ComboBox<>();
    box.setId("format-size");
    box.getItems().add(DEFAULT);
    FormatValues.FONT_SIZES.forEach(size -> box.getItems().add(Integer.toString(size)));
    box.setPromptText("Size");
    box.setTooltip(new Tooltip("Font size in points"));
    sizeBox = box;
    box.setOnAction(
        e -> {
          String size = box.getValue();
          if (size != null && !following) {
            model.format(
                Attributes.builder()
                    .fontSize(size.equals(DEFAULT) ? 0 : Integer.parseInt(size))
                    .build());
            refocus();
          }
        });
    return off(box);
  }

  /** A colour the user picked, on the selection (or the text typed next), then back to the text. */
  private void format(Attributes colour) {
    model.format(colour);
    refocus();
  }

  private MenuButton lineSpacing() {
    MenuButton menu = new MenuButton("↕");
    menu.setId("format-spacing");
    menu.setTooltip(new Tooltip("Line spacing"));
    for (LineSpacing spacing : LineSpacing.values()) {
      if (spacing == LineSpacing.NONE) {
        continue;
      }
      MenuItem item = new MenuItem(String.format(Locale.ROOT, "%.2f", spacing.factor()));
      item.setId("format-spacing-" + spacing.name().toLowerCase(Locale.ROOT));
      // Single spacing is the default: choosing it removes the attribute.
      LineSpacing value = spacing == LineSpacing.SINGLE ? LineSpacing.NONE : spacing;
      item.setOnAction(
          e -> {
            model.formatLines(Attributes.builder().lineSpacing(value).build());
            refocus();
          });
      menu.getItems().add(item);
    }
    return off(menu);
  }

  private Button command(String text, String name, String tip) {
    Button b = new Button(text);
    b.setId("format-" + name);
    b.setTooltip(new Tooltip(tip));
    b.setAccessibleText(tip); // the glyph ("B", "•", "⇥") is no name for a screen reader
    b.setOnAction(
        e -> {
          editor.command(name);
          refocus();
        });
    return off(b);
  }

  /** An alignment button whose icon is four lines set the way the button aligns text. */
  private Button align(Alignment alignment, String name, String tip) {
    Button b = command("", name, tip);
    javafx.scene.layout.VBox icon = new javafx.scene.layout.VBox(2);
    icon.setAlignment(
        switch (alignment) {
          case CENTER -> javafx.geometry.Pos.CENTER;
          case RIGHT -> javafx.geometry.Pos.CENTER_RIGHT;
          case LEFT, JUSTIFY, NONE -> javafx.geometry.Pos.CENTER_LEFT;
        });
    int[] widths =
        alignment == Alignment.JUSTIFY ? new int[] {14, 14, 14, 14} : new int[] {14, 9, 14, 9};
    for (int width : widths) {
      javafx.scene.shape.Rectangle line = new javafx.scene.shape.Rectangle(width, 1.5);
      line.getStyleClass().add("align-icon-line");
      line.setStyle("-fx-fill: -color-fg-default;");
      icon.getChildren().add(line);
    }
    icon.setMinWidth(14);
    b.setGraphic(icon);
    alignButtons.put(alignment, b);
    return b;
  }

  private <C extends Control> C off(C control) {
    control.disableProperty().bind(model.formattingDisabledProperty());
    return control;
  }

  private void refocus() {
    editor.area().requestFocus();
  }

  /** The alignment a named command ("align-center") sets; left is the default and removes it. */
  static Alignment alignment(String command) {
    return switch (command) {
      case "align-center" -> Alignment.CENTER;
      case "align-right" -> Alignment.RIGHT;
      case "align-justify" -> Alignment.JUSTIFY;
      default -> Alignment.NONE;
    };
  }

  static Attributes color(Color c) {
    return Attributes.builder().color(hex(c)).build();
  }

  static Attributes highlight(Color c) {
    return Attributes.builder().highlight(hex(c)).build();
  }

  /** {@code "#rrggbb"}, the form the server accepts. */
  static String hex(Color c) {
    return String.format(
        Locale.ROOT,
        "#%02x%02x%02x",
        Math.round(c.getRed() * 255),
        Math.round(c.getGreen() * 255),
        Math.round(c.getBlue() * 255));
  }
}
