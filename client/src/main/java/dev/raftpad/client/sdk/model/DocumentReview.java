package dev.raftpad.client.sdk.model;

import java.util.List;

/**
 * A document's suggestions and comment threads at one revision.
 *
 * @param reviewVersion to resume comments in a subscription
 * @param suggestions in document order
 * @param threads by position (resolved ones too)
 * @param activity the review history, newest first (the newest 200)
 */
public record DocumentReview(
    long revision,
    long reviewVersion,
    List<Suggestion> suggestions,
    List<CommentThread> threads,
    List<ReviewActivity> activity) {
  public DocumentReview {
    suggestions = List.copyOf(suggestions);
    threads = List.copyOf(threads);
    activity = List.copyOf(activity);
  }
}
