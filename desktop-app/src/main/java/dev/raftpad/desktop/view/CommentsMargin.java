package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.ReviewItem;
import dev.raftpad.desktop.viewmodel.ReviewViewModel;
import dev.raftpad.document.op.Selection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

/**
 * The comments margin beside the text, as in Google Docs: a card per open thread and per
 * suggestion, each level with its text (cards that would overlap are pushed down), the new-comment
 * card, and below them the threads whose text is gone and, behind "Show resolved", the resolved
 * ones. The header's menu accepts or rejects every suggestion.
 */
final class CommentsMargin {
  static final double WIDTH = 280;
  private static final double GAP = 8;
  private static final double ABOVE = -10_000;

  private final ReviewViewModel review;
  private final EditorArea area;
  private final BorderPane root = new BorderPane();
  private final Pane lane = new Pane();
  private final VBox detached = new VBox(8);
  private final VBox resolved = new VBox(8);
  private final Label detachedTitle = new Label();
  private final Label resolvedTitle = new Label();
  private final Map<String, Node> cards = new HashMap<>();
  private final VBox draftCard;
  private final TextArea draftText = new TextArea();
  private final Label empty = new Label();
  private final AfterPulse placeLater = new AfterPulse(this::place);

  /**
   * How far the lane is scrolled by the mouse wheel: cards pushed below the window (many comments
   * on a short text) are reached this way; scrolling the text moves them as well.
   */
  private double laneOffset;

  private double laneBottom;

  CommentsMargin(ReviewViewModel review, EditorArea area, Button comment) {
    this.review = review;
    this.area = area;
    root.setId("comments-margin");
    root.getStyleClass().add("comments-margin");
    root.setPrefWidth(WIDTH);
    root.setMinWidth(WIDTH);
    root.setMaxWidth(WIDTH);
    root.setTop(header(comment));
    Rectangle clip = new Rectangle();
    clip.widthProperty().bind(lane.widthProperty());
    clip.heightProperty().bind(lane.heightProperty());
    lane.setClip(clip);
    lane.setId("comments-lane");
    lane.setMinHeight(0);
    lane.setOnScroll(
        e -> {
          double most = Math.max(0, laneBottom + laneOffset - lane.getHeight());
          laneOffset = Math.clamp(laneOffset - e.getDeltaY(), 0, most);
          place();
          e.consume();
        });
    empty.setId("comments-empty");
    empty.setWrapText(true);
    empty.getStyleClass().add("review-muted");
    empty.setMaxWidth(WIDTH - 4 * GAP);
    empty.relocate(2 * GAP, 2 * GAP);
    empty.setMouseTransparent(true);
    root.setCenter(lane);
    root.setBottom(apart());
    draftCard = draftCard();

    review.itemsProperty().addListener((o, was, now) -> rebuild());
    review.activeProperty().addListener((o, was, now) -> emphasise());
    review.draftProperty().addListener((o, was, now) -> showDraft(now));
    review.showResolvedProperty().addListener((o, was, now) -> rebuild());
    review.editor().roleProperty().addListener((o, was, now) -> rebuildAll());
    review.editor().readOnlyProperty().addListener((o, was, now) -> rebuildAll());
    // Cards follow their text: on scroll, resize, and any change of what the area shows.
    area.estimatedScrollYProperty().addListener((o, was, now) -> relayout());
    area.heightProperty().addListener((o, was, now) -> relayout());
    area.widthProperty().addListener((o, was, now) -> relayout());
    lane.heightProperty().addListener((o, was, now) -> relayout());
    area.viewportDirtyEvents().subscribe(e -> relayout());
    rebuild();
  }

  Node node() {
    return root;
  }

  private Node header(Button comment) {
    ToggleButton showResolved = new ToggleButton("Resolved");
    showResolved.setTooltip(new javafx.scene.control.Tooltip("Show resolved comments"));
    showResolved.setMinWidth(Region.USE_PREF_SIZE);
    showResolved.setId("show-resolved");
    showResolved.getStyleClass().add("small");
    showResolved.selectedProperty().bindBidirectional(review.showResolvedProperty());
    MenuButton menu = new MenuButton("⋯");
    menu.setId("review-menu");
    menu.getStyleClass().addAll("flat", "small");
    menu.setMinWidth(Region.USE_PREF_SIZE);
    menu.setTooltip(new javafx.scene.control.Tooltip("Accept or reject every suggestion"));
    MenuItem acceptAll = new MenuItem("Accept all suggestions");
    acceptAll.setId("accept-all");
    acceptAll.setOnAction(e -> review.acceptAll());
    MenuItem rejectAll = new MenuItem("Reject all suggestions");
    rejectAll.setId("reject-all");
    rejectAll.setOnAction(e -> review.rejectAll());
    menu.getItems().addAll(acceptAll, rejectAll);
    menu.setOnShowing(
        e -> {
          boolean any =
              review.itemsProperty().get().anchored().stream()
                  .anyMatch(i -> i instanceof ReviewItem.Change);
          acceptAll.setDisable(!any || !review.mayResolveSuggestions());
          rejectAll.setDisable(!any || !review.mayResolveSuggestions());
        });
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox header = new HBox(6, comment, gap, showResolved, menu);
    header.setAlignment(Pos.CENTER_LEFT);
    header.setPadding(new Insets(6, 8, 6, 8));
    header.getStyleClass().add("comments-header");
    return header;
  }

  private Node apart() {
    detachedTitle.getStyleClass().add("review-muted");
    resolvedTitle.getStyleClass().add("review-muted");
    VBox box = new VBox(6, detachedTitle, detached, resolvedTitle, resolved);
    box.setPadding(new Insets(6, 8, 8, 8));
    ScrollPane scroll = new ScrollPane(box);
    scroll.setId("comments-apart");
    scroll.setFitToWidth(true);
    scroll.setMaxHeight(260);
    scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    scroll.managedProperty().bind(scroll.visibleProperty());
    scroll.getStyleClass().add("comments-apart");
    detachedTitle.managedProperty().bind(detachedTitle.visibleProperty());
    resolvedTitle.managedProperty().bind(resolvedTitle.visibleProperty());
    return scroll;
  }

  private VBox draftCard() {
    draftText.setId("new-comment-text");
    draftText.setPromptText("Comment… (@username mentions someone)");
    draftText.setWrapText(true);
    draftText.setPrefRowCount(3);
    Button post = new Button("Comment");
    post.setId("post-comment");
    post.getStyleClass().add("accent");
    post.disableProperty().bind(draftText.textProperty().isEmpty().or(review.postingProperty()));
    post.setOnAction(e -> review.postComment(draftText.getText()));
    Button cancel = new Button("Cancel");
    cancel.setId("cancel-comment");
    cancel.setOnAction(e -> review.cancelComment());
    HBox buttons = new HBox(6, post, cancel);
    buttons.setAlignment(Pos.CENTER_RIGHT);
    VBox card = new VBox(6, draftText, buttons);
    card.setId("new-comment");
    card.getStyleClass().addAll("review-card", "review-card-active");
    return card;
  }

  private void showDraft(Optional<Selection> draft) {
    rebuild();
    if (draft.isPresent()) {
      draftText.clear();
      Platform.runLater(draftText::requestFocus);
    }
  }

  private void rebuildAll() {
    cards.clear();
    rebuild();
  }

  /** Brings the cards in line with the review's items, reusing each card by id. */
  private void rebuild() {
    ReviewItem.Arranged items = review.itemsProperty().get();
    Set<String> live = new HashSet<>();
    List<Node> laneCards = new ArrayList<>();
    for (ReviewItem item : items.anchored()) {
      laneCards.add(card(item));
      live.add(item.id());
    }
    List<Node> gone = new ArrayList<>();
    for (ReviewItem.Comments item : items.detached()) {
      gone.add(card(item));
      live.add(item.id());
    }
    List<Node> done = new ArrayList<>();
    if (review.showResolvedProperty().get()) {
      for (ReviewItem.Comments item : items.resolved()) {
        done.add(card(item));
        live.add(item.id());
      }
    }
    cards.keySet().retainAll(live);
    if (review.draftProperty().get().isPresent()) {
      laneCards.add(draftCard);
    }
    if (laneCards.isEmpty()) {
      // Viewers read comments; only those who may write one are told how.
      empty.setText(
          review.mayComment()
              ? "No comments or suggestions. Select text and choose + Comment, or type in"
                  + " Suggesting mode to propose changes."
              : "No comments or suggestions.");
      laneCards.add(empty);
    }
    // Only what changed: a card taken out of the scene loses its focus, and a reply is being
    // typed into it while others type in the text (every keystroke moves the anchors).
    lane.getChildren().removeIf(n -> !laneCards.contains(n));
    laneCards.stream()
        .filter(n -> !lane.getChildren().contains(n))
        .forEach(lane.getChildren()::add);
    if (!detached.getChildren().equals(gone)) {
      detached.getChildren().setAll(gone);
    }
    if (!resolved.getChildren().equals(done)) {
      resolved.getChildren().setAll(done);
    }
    detachedTitle.setText("Comments on deleted text (" + gone.size() + ")");
    detachedTitle.setVisible(!gone.isEmpty());
    resolvedTitle.setText("Resolved (" + items.resolved().size() + ")");
    resolvedTitle.setVisible(review.showResolvedProperty().get());
    root.getBottom().setVisible(!gone.isEmpty() || review.showResolvedProperty().get());
    emphasise();
    relayout();
  }

  private Node card(ReviewItem item) {
    Node existing = cards.get(item.id());
    if (existing instanceof CommentCard known && item instanceof ReviewItem.Comments c) {
      known.update(c.thread());
      return known;
    }
    if (existing instanceof SuggestionCard known && item instanceof ReviewItem.Change s) {
      known.update(review, s.suggestion());
      return known;
    }
    Region card =
        switch (item) {
          case ReviewItem.Comments c -> new CommentCard(review, c.thread());
          case ReviewItem.Change s -> new SuggestionCard(review, s.suggestion());
        };
    card.setPrefWidth(WIDTH - 2 * GAP);
    cards.put(item.id(), card);
    return card;
  }

  private void emphasise() {
    String active = review.activeProperty().get().orElse("");
    cards.forEach(
        (id, node) -> {
          if (node instanceof CommentCard c) {
            c.setActive(id.equals(active));
          } else if (node instanceof SuggestionCard s) {
            s.setActive(id.equals(active));
          }
        });
  }

  private void relayout() {
    // Character bounds are right only after the area's layout: place the cards after the pulse.
    placeLater.request();
  }

  /** Each card at its text's height, pushed down below the one before when they would overlap. */
  private void place() {
    ReviewItem.Arranged items = review.itemsProperty().get();
    List<Placed> order = new ArrayList<>();
    for (ReviewItem item : items.anchored()) {
      Node card = cards.get(item.id());
      if (card != null) {
        order.add(new Placed(card, item.start(), item.end()));
      }
    }
    review
        .draftProperty()
        .get()
        .ifPresent(d -> order.add(new Placed(draftCard, d.anchor(), d.head())));
    order.sort((a, b) -> Integer.compare(a.start(), b.start()));
    double below = GAP - laneOffset;
    for (Placed p : order) {
      double at = top(p.start(), p.end());
      if (at <= ABOVE) {
        // Its text is scrolled away above: so is the card.
        p.card().relocate(GAP, ABOVE);
        continue;
      }
      double y = Math.max(at - laneOffset, below);
      p.card().resizeRelocate(GAP, y, WIDTH - 2 * GAP, p.card().prefHeight(WIDTH - 2 * GAP));
      below = y + p.card().prefHeight(WIDTH - 2 * GAP) + GAP;
    }
    laneBottom = below;
  }

  /** The y of a range's first line in the lane; far below or above when it is scrolled away. */
  private double top(int start, int end) {
    // Through the document's tree, not the area's whole text: this runs on every scroll.
    var shown = review.editor().document();
    int from = AreaPositions.toArea(shown, start);
    int to = AreaPositions.toArea(shown, Math.max(end, start + 1));
    if (from >= to) {
      return 0;
    }
    try {
      Optional<Bounds> bounds = area.getCharacterBoundsOnScreen(from, to);
      if (bounds.isPresent()) {
        Bounds local = lane.screenToLocal(bounds.get());
        if (local != null) {
          return local.getMinY();
        }
      }
      int paragraph =
          area.offsetToPosition(from, org.fxmisc.richtext.model.TwoDimensional.Bias.Forward)
              .getMajor();
      return paragraph < area.firstVisibleParToAllParIndex() ? ABOVE : lane.getHeight() + 10_000;
    } catch (RuntimeException e) {
      // Not laid out yet (a new paragraph): place it after the card before; the next pass fixes it.
      return 0;
    }
  }

  private record Placed(Node card, int start, int end) {}
}
