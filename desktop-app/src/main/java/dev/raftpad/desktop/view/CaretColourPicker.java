package dev.raftpad.desktop.view;

import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.Tooltip;
import javafx.scene.paint.Color;

/**
 * A colour picker of the format bar (text colour, highlight) that shows the colour where the caret
 * is, as the font box shows its font, and an empty swatch where there is none. Only the user's pick
 * formats: showing the caret's colour never does, and picking the colour already shown (to give a
 * new selection the caret's colour) does.
 */
final class CaretColourPicker {
  private final ColorPicker picker = new ColorPicker();

  /** True while the swatch is set to follow the caret: that is not the user choosing. */
  private boolean following;

  /**
   * The value changed by the user's pick and was applied; the palette's action that follows a pick
   * at once must not apply it again (nor the caret's colour, shown meanwhile).
   */
  private boolean appliedByChange;

  CaretColourPicker(String id, String tip, Consumer<Color> apply) {
    picker.setId(id);
    picker.getStyleClass().add(ColorPicker.STYLE_CLASS_BUTTON);
    // The swatch says which colour; the tooltip says which picker.
    picker.setStyle("-fx-color-label-visible: false;");
    picker.setTooltip(new Tooltip(tip));
    picker.setAccessibleText(tip);
    // Applied on a change of the value (a pick, or code), and on the action the palette fires
    // after every pick: the only sign of a pick that keeps the value.
    picker
        .valueProperty()
        .addListener(
            (o, was, now) -> {
              if (!following && now != null) {
                appliedByChange = true;
                // Set without the palette, no action follows: the next pick must not be held back.
                Platform.runLater(() -> appliedByChange = false);
                apply.accept(now);
              }
            });
    picker.setOnAction(
        e -> {
          if (!following && !appliedByChange && picker.getValue() != null) {
            apply.accept(picker.getValue());
          }
          appliedByChange = false;
        });
  }

  ColorPicker control() {
    return picker;
  }

  /** Shows {@code colour} ("#rrggbb", as the model keeps it), or none for null or "". */
  void follow(String colour) {
    following = true;
    try {
      picker.setValue(colour == null || colour.isEmpty() ? null : Color.web(colour));
    } catch (IllegalArgumentException e) {
      picker.setValue(null); // the model accepts #rrggbb only; anything else shows as none
    } finally {
      following = false;
    }
  }
}
