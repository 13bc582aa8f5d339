package dev.raftpad.desktop.view;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;

/**
 * What a screen reader or a sighted keyboard user needs of each control that takes the focus: a
 * name. Accessible text, a label's words (a glyph such as "B" or "•" is no name), a label tied to
 * it ({@code labelFor}), a prompt, or, for icon buttons, a tooltip. The one rule the accessibility
 * test checks every screen against.
 */
final class AccessibleNames {
  private AccessibleNames() {}

  /** The focus-traversable nodes under {@code root} on screen that have no name, described. */
  static List<String> unnamed(Parent root) {
    List<Label> labels = new ArrayList<>();
    List<Node> traversable = new ArrayList<>();
    collect(root, labels, traversable);
    List<String> unnamed = new ArrayList<>();
    for (Node n : traversable) {
      if (!hasName(n, labels)) {
        unnamed.add(
            n.getClass().getSimpleName()
                + (n.getId() == null ? "" : "#" + n.getId())
                + (n instanceof Labeled l ? " \"" + l.getText() + "\"" : ""));
      }
    }
    return unnamed;
  }

  /** The focus-traversable nodes under {@code root} that are on screen, in scene-graph order. */
  static List<Node> traversable(Parent root) {
    List<Node> traversable = new ArrayList<>();
    collect(root, new ArrayList<>(), traversable);
    return traversable;
  }

  private static void collect(Node node, List<Label> labels, List<Node> traversable) {
    if (!node.isVisible()) {
      return;
    }
    if (node instanceof Label l) {
      labels.add(l);
    }
    if (node.isFocusTraversable() && !node.isDisabled() && node.getScene() != null) {
      traversable.add(node);
    }
    // A control's insides (its skin's nodes) are its own business, except containers' content.
    if (node instanceof Parent p
        && !(node instanceof Labeled)
        && !(node instanceof TextInputControl)
        && !(node instanceof ComboBoxBase<?>)) {
      for (Node child : p.getChildrenUnmodifiable()) {
        collect(child, labels, traversable);
      }
    }
  }

  static boolean hasName(Node n, List<Label> labels) {
    if (n.getAccessibleText() != null && !n.getAccessibleText().isBlank()) {
      return true;
    }
    if (n instanceof Labeled l && words(l.getText())) {
      return true;
    }
    if (labels.stream().anyMatch(l -> n.equals(l.getLabelFor()) && words(l.getText()))) {
      return true;
    }
    if (n instanceof TextInputControl t && words(t.getPromptText())) {
      return true;
    }
    if (n instanceof ComboBoxBase<?> c && words(c.getPromptText())) {
      return true;
    }
    return n instanceof Control c && c.getTooltip() != null && words(c.getTooltip().getText());
  }

  /** At least two letters in a row: a word, not a glyph. */
  private static boolean words(String s) {
    return s != null && s.matches("(?s).*\\p{L}\\p{L}.*");
  }
}
