package dev.raftpad.desktop.view;

import dev.raftpad.client.sdk.model.Comment;
import dev.raftpad.client.sdk.model.CommentThread;
import dev.raftpad.desktop.viewmodel.CommentText;
import dev.raftpad.desktop.viewmodel.ReviewViewModel;
import dev.raftpad.desktop.viewmodel.SuggestionText;
import dev.raftpad.desktop.viewmodel.Users;
import java.time.Instant;
import java.time.ZoneId;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * One comment thread in the margin: the quoted text, the comments (who, when, edited, deleted ones
 * as "Comment deleted", @mentions picked out), a reply field, Resolve or Reopen, and Delete for the
 * author or the owner. Updated in place, so a reply being typed survives the thread changing.
 */
final class CommentCard extends VBox {
  private final ReviewViewModel review;
  private final Label quote = new Label();
  private final Button resolve = new Button();
  private final VBox comments = new VBox(8);
  private final Label resolvedBy = new Label();
  private final TextField reply = new TextField();
  private final HBox replyRow;
  private CommentThread thread;
  private boolean active;

  CommentCard(ReviewViewModel review, CommentThread thread) {
    super(6);
    this.review = review;
    getStyleClass().addAll("review-card", "comment-card");
    setId("thread-" + thread.id());
    quote.getStyleClass().add("review-quote");
    quote.setWrapText(true);
    quote.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(quote, Priority.ALWAYS);
    resolve.setId("resolve-" + thread.id());
    resolve.getStyleClass().addAll("flat", "small");
    resolve.setMinWidth(Region.USE_PREF_SIZE);
    resolve.setOnAction(e -> review.resolve(this.thread.id(), !this.thread.resolved()));
    HBox top = new HBox(6, quote, resolve);
    top.setAlignment(Pos.TOP_LEFT);
    resolvedBy.getStyleClass().add("review-muted");
    resolvedBy.managedProperty().bind(resolvedBy.visibleProperty());
    reply.setId("reply-" + thread.id());
    reply.setPromptText("Reply…");
    HBox.setHgrow(reply, Priority.ALWAYS);
    Button send = new Button("Reply");
    send.setId("send-reply-" + thread.id());
    send.setMinWidth(Region.USE_PREF_SIZE);
    send.disableProperty().bind(reply.textProperty().isEmpty());
    Runnable post =
        () -> {
          review.reply(this.thread.id(), reply.getText());
          reply.clear();
        };
    send.setOnAction(e -> post.run());
    reply.setOnAction(e -> post.run());
    replyRow = new HBox(6, reply, send);
    replyRow.managedProperty().bind(replyRow.visibleProperty());
    getChildren().addAll(top, comments, resolvedBy, replyRow);
    setOnMouseClicked(e -> review.activate(this.thread.id()));
    update(thread);
  }

  void update(CommentThread now) {
    if (now.equals(thread)) {
      return;
    }
    boolean commentsChanged = thread == null || !thread.comments().equals(now.comments());
    thread = now;
    quote.setText(SuggestionText.quote(now.quotedText()));
    boolean mayComment = review.mayComment();
    resolve.setText(now.resolved() ? "Reopen" : "Resolve");
    resolve.setVisible(mayComment);
    resolvedBy.setVisible(now.resolved());
    resolvedBy.setText(
        now.resolvedBy().map(u -> "Resolved by " + Users.name(u)).orElse("Resolved"));
    replyRow.setVisible(mayComment && !now.resolved());
    if (commentsChanged) {
      showComments();
    }
  }

  /** The comments; an inactive card shortens long ones (an assistant's summary can be long). */
  private void showComments() {
    comments.getChildren().clear();
    Instant time = Instant.now();
    for (Comment c : thread.comments()) {
      comments.getChildren().add(comment(c, time));
    }
  }

  void setActive(boolean active) {
    if (active != this.active) {
      this.active = active;
      showComments();
    }
    if (active && !getStyleClass().contains("review-card-active")) {
      getStyleClass().add("review-card-active");
    } else if (!active) {
      getStyleClass().remove("review-card-active");
    }
  }

  private VBox comment(Comment c, Instant now) {
    Circle dot =
        new Circle(
            5,
            Color.web(
                c.byAssistant()
                    ? RichStyles.ASSISTANT_COLOR
                    : review.editor().colours().of(c.author())));
    Label author = new Label(CommentText.author(c));
    author.getStyleClass().add("review-author");
    HBox head = new HBox(6, dot, author);
    if (c.byAssistant()) {
      Label badge = new Label("AI");
      badge.getStyleClass().add("assistant-badge");
      head.getChildren().add(badge);
    }
    Label when = new Label(CommentText.when(c, ZoneId.systemDefault(), now));
    when.getStyleClass().add("review-muted");
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    head.getChildren().addAll(when, gap);
    head.setAlignment(Pos.CENTER_LEFT);
    TextFlow text = new TextFlow();
    VBox box = new VBox(2, head, text);
    if (ReviewViewModel.mayEdit(c, review.me()) && review.mayComment()) {
      Button edit = new Button("Edit");
      edit.setId("edit-" + c.id());
      edit.getStyleClass().addAll("flat", "small");
      edit.setMinWidth(Region.USE_PREF_SIZE);
      edit.setOnAction(e -> editing(box, c));
      head.getChildren().add(edit);
    }
    if (ReviewViewModel.mayDelete(c, review.me(), review.role())) {
      Button delete = new Button("Delete");
      delete.setId("delete-" + c.id());
      delete.getStyleClass().addAll("flat", "small", "danger");
      delete.setMinWidth(Region.USE_PREF_SIZE);
      delete.setOnAction(e -> review.delete(thread.id(), c.id()));
      head.getChildren().add(delete);
    }
    for (CommentText.Piece piece :
        CommentText.pieces(c, active ? Integer.MAX_VALUE : CommentText.SHORT)) {
      Text t = new Text(piece.text());
      t.getStyleClass()
          .add(piece.mention() ? "mention" : c.deleted() ? "comment-deleted" : "comment-text");
      text.getChildren().add(t);
    }
    return box;
  }

  /** Swaps the comment's text for a field to change it in; Save sends it, Cancel puts it back. */
  private void editing(VBox box, Comment c) {
    TextField field = new TextField(c.text());
    field.setId("edit-text-" + c.id());
    HBox.setHgrow(field, Priority.ALWAYS);
    Button save = new Button("Save");
    save.setId("save-" + c.id());
    save.setMinWidth(Region.USE_PREF_SIZE);
    save.disableProperty().bind(field.textProperty().isEmpty());
    Button cancel = new Button("Cancel");
    cancel.setMinWidth(Region.USE_PREF_SIZE);
    Node shown = box.getChildren().get(1);
    HBox row = new HBox(4, field, save, cancel);
    Runnable back = () -> box.getChildren().set(1, shown);
    save.setOnAction(
        e -> {
          review.edit(thread.id(), c.id(), field.getText());
          back.run();
        });
    field.setOnAction(e -> save.fire());
    cancel.setOnAction(e -> back.run());
    box.getChildren().set(1, row);
    field.requestFocus();
  }
}
