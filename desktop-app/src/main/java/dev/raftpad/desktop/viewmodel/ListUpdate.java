package dev.raftpad.desktop.viewmodel;

import java.util.List;

/**
 * Changes a shown list into a new one in place, touching only what differs: the entries between the
 * unchanged first and last ones. On a JavaFX list this is at most two changes (or one set), so a
 * list view keeps its scroll position and, outside the change, its selection, instead of being
 * reset on every refresh.
 */
public final class ListUpdate {
  private ListUpdate() {}

  /** Makes {@code items} equal to {@code now}, replacing only the differing middle. */
  public static <T> void apply(List<T> items, List<T> now) {
    int limit = Math.min(items.size(), now.size());
    int same = 0;
    while (same < limit && items.get(same).equals(now.get(same))) {
      same++;
    }
    int sameAtEnd = 0;
    while (sameAtEnd < limit - same
        && items.get(items.size() - 1 - sameAtEnd).equals(now.get(now.size() - 1 - sameAtEnd))) {
      sameAtEnd++;
    }
    int oldEnd = items.size() - sameAtEnd;
    int newEnd = now.size() - sameAtEnd;
    if (oldEnd - same == 1 && newEnd - same == 1) {
      items.set(same, now.get(same));
      return;
    }
    if (oldEnd > same) {
      items.subList(same, oldEnd).clear();
    }
    if (newEnd > same) {
      items.addAll(same, now.subList(same, newEnd));
    }
  }
}
