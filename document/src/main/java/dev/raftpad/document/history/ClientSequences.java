package dev.raftpad.document.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Exactly-once: which revision each (clientId, clientSeq) became. A client's sequence numbers rise,
 * so each client's entries are sorted and looked up by binary search.
 */
final class ClientSequences {
  private final Map<String, Entries> clients = new HashMap<>();

  /** The revision {@code clientSeq} of {@code clientId} became, if it was applied. */
  OptionalLong revisionOf(String clientId, long clientSeq) {
    Entries entries = clients.get(clientId);
    if (entries == null) {
      return OptionalLong.empty();
    }
    int found = Arrays.binarySearch(entries.seqs, 0, entries.size, clientSeq);
    return found >= 0 ? OptionalLong.of(entries.revisions[found]) : OptionalLong.empty();
  }

  /** The newest applied sequence number of {@code clientId}, or 0 for a new client. */
  long lastSeq(String clientId) {
    Entries entries = clients.get(clientId);
    return entries == null || entries.size == 0 ? 0 : entries.seqs[entries.size - 1];
  }

  void record(String clientId, long clientSeq, long revision) {
    clients.computeIfAbsent(clientId, id -> new Entries()).add(clientSeq, revision);
  }

  /** The entries for revisions up to {@code revision}, sorted by client then sequence number. */
  List<LogSnapshot.ClientMark> marksUpTo(long revision) {
    List<LogSnapshot.ClientMark> marks = new ArrayList<>();
    for (Map.Entry<String, Entries> client : new TreeMap<>(clients).entrySet()) {
      Entries entries = client.getValue();
      for (int i = 0; i < entries.size && entries.revisions[i] <= revision; i++) {
        marks.add(
            new LogSnapshot.ClientMark(client.getKey(), entries.seqs[i], entries.revisions[i]));
      }
    }
    return marks;
  }

  /** Forgets entries for revisions before {@code revision}, keeping each client's newest. */
  void dropBefore(long revision) {
    for (Entries entries : clients.values()) {
      entries.dropBefore(revision);
    }
  }

  private static final class Entries {
    private long[] seqs = new long[16];
    private long[] revisions = new long[16];
    private int size;

    void add(long seq, long revision) {
      if (size == seqs.length) {
        seqs = Arrays.copyOf(seqs, size * 2);
        revisions = Arrays.copyOf(revisions, size * 2);
      }
      seqs[size] = seq;
      revisions[size] = revision;
      size++;
    }

    void dropBefore(long revision) {
      int drop = 0;
      while (drop < size - 1 && revisions[drop] < revision) {
        drop++;
      }
      System.arraycopy(seqs, drop, seqs, 0, size - drop);
      System.arraycopy(revisions, drop, revisions, 0, size - drop);
      size -= drop;
    }
  }
}
