package dev.raftpad.raft.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A node's view of the log: a snapshot point, then the entries after it, with three marks —
 * persisted (handed to storage and synced), committed, applied. Entries past the persisted mark,
 * and a snapshot not yet installed, are "unstable": the next Ready hands them to the runtime.
 */
final class RaftLog {
  private long snapshotIndex;
  private long snapshotTerm;
  private final ArrayList<Entry> entries = new ArrayList<>();
  private long committed;
  private long applied;

  /** Lowest index changed since the last Ready took the unstable entries. */
  private long unstableFrom;

  /** A snapshot received from the leader, to be persisted and installed. */
  private Snapshot pendingSnapshot;

  RaftLog(SnapshotMeta snapshot, List<Entry> stored, long committed) {
    this.snapshotIndex = snapshot.index();
    this.snapshotTerm = snapshot.term();
    long expected = snapshotIndex + 1;
    for (Entry entry : stored) {
      if (entry.index() != expected++) {
        throw new IllegalArgumentException("stored entries are not contiguous at " + entry);
      }
      entries.add(entry);
    }
    this.committed = Math.max(committed, snapshotIndex);
    this.applied = snapshotIndex;
    this.unstableFrom = lastIndex() + 1;
    if (this.committed > lastIndex()) {
      throw new IllegalArgumentException(
          "commit " + committed + " beyond the last stored index " + lastIndex());
    }
  }

  long firstIndex() {
    return snapshotIndex + 1;
  }

  long lastIndex() {
    return snapshotIndex + entries.size();
  }

  long lastTerm() {
    return entries.isEmpty() ? snapshotTerm : entries.getLast().term();
  }

  long snapshotIndex() {
    return snapshotIndex;
  }

  long committed() {
    return committed;
  }

  long applied() {
    return applied;
  }

  /** The term of the entry at {@code index}, or -1 if it was compacted away or does not exist. */
  long term(long index) {
    if (index == snapshotIndex) {
      return snapshotTerm;
    }
    if (index < snapshotIndex || index > lastIndex()) {
      return -1;
    }
    return entries.get((int) (index - snapshotIndex - 1)).term();
  }

  Entry entry(long index) {
    return entries.get((int) (index - snapshotIndex - 1));
  }

  boolean matchTerm(long index, long term) {
    return term(index) == term;
  }

  /** §5.4.1: a candidate's log is at least as up to date as ours. */
  boolean isUpToDate(long lastIndex, long lastTerm) {
    return lastTerm > lastTerm() || (lastTerm == lastTerm() && lastIndex >= lastIndex());
  }

  /** Leader append: entries follow the last index. */
  void append(Entry entry) {
    if (entry.index() != lastIndex() + 1) {
      throw new IllegalStateException("append of " + entry + " after " + lastIndex());
    }
    entries.add(entry);
  }

  /**
   * Follower append (§5.3): entries following {@code prevIndex}, which the caller checked matches.
   * Entries already present with the same term are kept; the log is truncated only at the first
   * real conflict, so a stale or duplicated append can never remove matching entries.
   *
   * @return the index of the last entry of the request
   */
  long appendAfter(long prevIndex, List<Entry> newEntries) {
    long lastNew = prevIndex + newEntries.size();
    for (Entry entry : newEntries) {
      if (entry.index() <= snapshotIndex) {
        continue;
      }
      long existing = term(entry.index());
      if (existing == entry.term()) {
        continue;
      }
      if (existing != -1) {
        if (entry.index() <= committed) {
          throw new IllegalStateException(
              "conflict at committed index " + entry.index() + " (commit " + committed + ")");
        }
        truncateFrom(entry.index());
      }
      entries.add(entry);
      unstableFrom = Math.min(unstableFrom, entry.index());
    }
    return lastNew;
  }

  private void truncateFrom(long index) {
    int keep = (int) (index - snapshotIndex - 1);
    entries.subList(keep, entries.size()).clear();
    unstableFrom = Math.min(unstableFrom, index);
  }

  /** The first index of the term of the entry at {@code index}, scanning back (for hints). */
  long firstIndexOfTermAt(long index) {
    long term = term(index);
    long first = index;
    while (first - 1 > snapshotIndex && term(first - 1) == term) {
      first--;
    }
    return first;
  }

  /** The last index holding {@code term}, or -1 when this log has no entry of that term. */
  long lastIndexOfTerm(long term) {
    for (long i = lastIndex(); i > snapshotIndex; i--) {
      long t = term(i);
      if (t == term) {
        return i;
      }
      if (t < term) {
        return -1;
      }
    }
    return -1;
  }

  /** Entries from {@code from}, at most {@code maxBytes} of them but always at least one. */
  List<Entry> entriesFrom(long from, long maxBytes) {
    if (from <= snapshotIndex) {
      throw new IllegalArgumentException("entries from " + from + " were compacted");
    }
    List<Entry> batch = new ArrayList<>();
    long bytes = 0;
    for (long i = from; i <= lastIndex(); i++) {
      Entry entry = entry(i);
      bytes += entry.size();
      if (!batch.isEmpty() && bytes > maxBytes) {
        break;
      }
      batch.add(entry);
    }
    return batch;
  }

  void commitTo(long index) {
    if (index > committed) {
      if (index > lastIndex()) {
        throw new IllegalStateException("commit " + index + " beyond last index " + lastIndex());
      }
      committed = index;
    }
  }

  /** Unstable entries for the next Ready, without marking them taken. */
  List<Entry> unstableEntries() {
    if (unstableFrom > lastIndex()) {
      return List.of();
    }
    long from = Math.max(unstableFrom, firstIndex());
    return List.copyOf(entries.subList((int) (from - snapshotIndex - 1), entries.size()));
  }

  /** Committed entries not yet applied, for the next Ready. */
  List<Entry> entriesToApply() {
    if (applied >= committed || pendingSnapshot != null) {
      return List.of();
    }
    long from = Math.max(applied + 1, firstIndex());
    return List.copyOf(
        entries.subList((int) (from - snapshotIndex - 1), (int) (committed - snapshotIndex)));
  }

  /** The last index handed to storage and synced. */
  long persistedIndex() {
    return Math.min(lastIndex(), unstableFrom - 1);
  }

  boolean hasUnstable() {
    return unstableFrom <= lastIndex() || pendingSnapshot != null;
  }

  boolean hasToApply() {
    return applied < committed && pendingSnapshot == null;
  }

  Snapshot pendingSnapshot() {
    return pendingSnapshot;
  }

  /** After the runtime persisted entries up to {@code index}. */
  void persistedTo(long index) {
    unstableFrom = Math.max(unstableFrom, index + 1);
  }

  void appliedTo(long index) {
    if (index > committed) {
      throw new IllegalStateException("applied " + index + " beyond commit " + committed);
    }
    applied = Math.max(applied, index);
  }

  void snapshotInstalled() {
    if (pendingSnapshot != null) {
      applied = Math.max(applied, pendingSnapshot.meta().index());
      pendingSnapshot = null;
    }
  }

  /** Replaces the whole log with a snapshot from the leader (no entry of ours matches it). */
  void restore(Snapshot snapshot) {
    SnapshotMeta meta = snapshot.meta();
    entries.clear();
    snapshotIndex = meta.index();
    snapshotTerm = meta.term();
    committed = meta.index();
    unstableFrom = lastIndex() + 1;
    pendingSnapshot = snapshot;
  }

  /** Discards entries up to {@code index}, which a local snapshot now covers. */
  void compactTo(long index, long term) {
    if (index <= snapshotIndex) {
      return;
    }
    if (index > applied) {
      throw new IllegalArgumentException("cannot compact past applied index " + applied);
    }
    entries.subList(0, (int) (index - snapshotIndex)).clear();
    snapshotIndex = index;
    snapshotTerm = term;
  }
}
