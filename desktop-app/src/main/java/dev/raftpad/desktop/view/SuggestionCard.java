package dev.raftpad.desktop.view;

import dev.raftpad.client.sdk.model.Suggestion;
import dev.raftpad.desktop.viewmodel.ReviewViewModel;
import dev.raftpad.desktop.viewmodel.SuggestionText;
import dev.raftpad.desktop.viewmodel.Users;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/**
 * One suggested change in the margin: who ("Assistant (asked by Ada)" for the AI's), what ("Replace
 * “x” with “y”"), and Accept ✓ / Reject ✗ for editors.
 */
final class SuggestionCard extends VBox {
  private final Circle dot = new Circle(5);
  private final Label author = new Label();
  private final Label badge = new Label("AI");
  private final Label sentence = new Label();
  private final HBox buttons;
  private Suggestion suggestion;

  SuggestionCard(ReviewViewModel review, Suggestion suggestion) {
    super(4);
    getStyleClass().addAll("review-card", "suggestion-card");
    setId("suggestion-" + suggestion.id());
    author.getStyleClass().add("review-author");
    author.setId("suggestion-author-" + suggestion.id());
    author.setMinWidth(0);
    // "Assistant (asked by Margaret)" wraps rather than hiding behind the buttons.
    author.setWrapText(true);
    author.setMinHeight(Region.USE_PREF_SIZE);
    badge.getStyleClass().add("assistant-badge");
    badge.managedProperty().bind(badge.visibleProperty());
    Button accept = new Button("✓");
    accept.setId("accept-" + suggestion.id());
    accept.getStyleClass().addAll("flat", "success");
    accept.setTooltip(new Tooltip("Accept suggestion"));
    accept.setOnAction(e -> review.accept(this.suggestion.id()));
    Button reject = new Button("✗");
    reject.setId("reject-" + suggestion.id());
    reject.getStyleClass().addAll("flat", "danger");
    reject.setTooltip(new Tooltip("Reject suggestion"));
    reject.setOnAction(e -> review.reject(this.suggestion.id()));
    accept.setMinWidth(Region.USE_PREF_SIZE);
    reject.setMinWidth(Region.USE_PREF_SIZE);
    buttons = new HBox(2, accept, reject);
    buttons.managedProperty().bind(buttons.visibleProperty());
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox head = new HBox(6, dot, author, badge, gap, buttons);
    head.setAlignment(Pos.CENTER_LEFT);
    sentence.setId("suggestion-text-" + suggestion.id());
    sentence.setWrapText(true);
    sentence.setMinHeight(Region.USE_PREF_SIZE);
    getChildren().addAll(head, sentence);
    setOnMouseClicked(e -> review.activate(this.suggestion.id()));
    update(review, suggestion);
  }

  void update(ReviewViewModel review, Suggestion now) {
    suggestion = now;
    String color =
        now.byAssistant()
            ? RichStyles.ASSISTANT_COLOR
            : now.author().map(Users::color).orElse(RichStyles.UNKNOWN_COLOR);
    dot.setFill(Color.web(color));
    author.setText(SuggestionText.author(now));
    badge.setVisible(now.byAssistant());
    sentence.setText(SuggestionText.sentence(now));
    buttons.setVisible(review.mayResolveSuggestions());
    if (now.byAssistant() && !getStyleClass().contains("assistant-card")) {
      getStyleClass().add("assistant-card");
    }
  }

  void setActive(boolean active) {
    if (active && !getStyleClass().contains("review-card-active")) {
      getStyleClass().add("review-card-active");
    } else if (!active) {
      getStyleClass().remove("review-card-active");
    }
  }
}
