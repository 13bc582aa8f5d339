package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.model.CommentThread;
import dev.raftpad.client.sdk.model.Suggestion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One card of the comments margin: a comment thread or a suggested change. */
public sealed interface ReviewItem {
  /** Stable across changes: the thread's or the suggestion's id. */
  String id();

  /** First code point of its range in the text the user sees (0 for a detached thread). */
  int start();

  /** One past its last code point. */
  int end();

  /** A comment thread. */
  record Comments(CommentThread thread) implements ReviewItem {
    @Override
    public String id() {
      return thread.id();
    }

    @Override
    public int start() {
      return thread.anchor().start();
    }

    @Override
    public int end() {
      return thread.anchor().end();
    }
  }

  /** A suggested change (tracked insertion and/or deletion). */
  record Change(Suggestion suggestion) implements ReviewItem {
    @Override
    public String id() {
      return suggestion.id();
    }

    @Override
    public int start() {
      return suggestion.start();
    }

    @Override
    public int end() {
      return suggestion.end();
    }
  }

  /**
   * The margin's three lists: open threads and suggestions beside their text, in text order (ties:
   * the longer range's card is second, a thread before a suggestion); open threads whose text is
   * gone; resolved threads.
   */
  record Arranged(List<ReviewItem> anchored, List<Comments> detached, List<Comments> resolved) {
    public static final Arranged EMPTY = new Arranged(List.of(), List.of(), List.of());

    public static Arranged of(List<CommentThread> threads, List<Suggestion> suggestions) {
      List<ReviewItem> anchored = new ArrayList<>();
      List<Comments> detached = new ArrayList<>();
      List<Comments> resolved = new ArrayList<>();
      for (CommentThread t : threads) {
        if (t.deleted()) {
          continue;
        }
        if (t.resolved()) {
          resolved.add(new Comments(t));
        } else if (t.anchor().detached()) {
          detached.add(new Comments(t));
        } else {
          anchored.add(new Comments(t));
        }
      }
      suggestions.forEach(s -> anchored.add(new Change(s)));
      anchored.sort(
          Comparator.comparingInt(ReviewItem::start)
              .thenComparingInt(ReviewItem::end)
              .thenComparingInt(i -> i instanceof Comments ? 0 : 1)
              .thenComparing(ReviewItem::id));
      return new Arranged(List.copyOf(anchored), List.copyOf(detached), List.copyOf(resolved));
    }
  }
}
