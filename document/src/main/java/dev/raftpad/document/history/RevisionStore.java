package dev.raftpad.document.history;

import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.OperationReach;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The retained revisions, stored column by column in growing arrays (author and client names
 * interned), so hundreds of thousands of keystrokes cost a few words each besides their operation.
 */
final class RevisionStore {
  private long firstRevision;
  private int size;
  private Operation[] operations = new Operation[1024];
  private OperationReach[] reaches = new OperationReach[1024];
  private int[] lengthsAfter = new int[1024];
  private long[] times = new long[1024];
  private int[] nanos = new int[1024];
  private int[] authors = new int[1024];
  private int[] clients = new int[1024];
  private long[] clientSeqs = new long[1024];
  private final List<String> names = new ArrayList<>();
  private final Map<String, Integer> nameIndex = new HashMap<>();

  /** A store whose first appended revision will be {@code firstRevision}. */
  RevisionStore(long firstRevision) {
    this.firstRevision = firstRevision;
  }

  /** The number of the first retained revision. */
  long firstRevision() {
    return firstRevision;
  }

  /** The number the next appended revision gets. */
  long nextRevision() {
    return firstRevision + size;
  }

  void append(
      Operation operation,
      int lengthAfter,
      String author,
      Instant time,
      String clientId,
      long clientSeq) {
    if (size == operations.length) {
      int capacity = size * 2;
      operations = Arrays.copyOf(operations, capacity);
      reaches = Arrays.copyOf(reaches, capacity);
      lengthsAfter = Arrays.copyOf(lengthsAfter, capacity);
      times = Arrays.copyOf(times, capacity);
      nanos = Arrays.copyOf(nanos, capacity);
      authors = Arrays.copyOf(authors, capacity);
      clients = Arrays.copyOf(clients, capacity);
      clientSeqs = Arrays.copyOf(clientSeqs, capacity);
    }
    operations[size] = operation;
    reaches[size] = OperationReach.of(operation);
    lengthsAfter[size] = lengthAfter;
    times[size] = time.getEpochSecond();
    nanos[size] = time.getNano();
    authors[size] = intern(author);
    clients[size] = intern(clientId);
    clientSeqs[size] = clientSeq;
    size++;
  }

  Operation operation(long revision) {
    return operations[index(revision)];
  }

  /**
   * Where the revision's operation touches the text, for {@link dev.raftpad.document.op.Rebase}.
   */
  OperationReach reach(long revision) {
    return reaches[index(revision)];
  }

  int lengthAfter(long revision) {
    return lengthsAfter[index(revision)];
  }

  Instant time(long revision) {
    int i = index(revision);
    return Instant.ofEpochSecond(times[i], nanos[i]);
  }

  String author(long revision) {
    return names.get(authors[index(revision)]);
  }

  String clientId(long revision) {
    return names.get(clients[index(revision)]);
  }

  /** Whether two retained revisions have the same author (cheaper than comparing names). */
  boolean sameAuthor(long a, long b) {
    return authors[index(a)] == authors[index(b)];
  }

  Revision revision(long revision) {
    int i = index(revision);
    return new Revision(
        revision,
        operations[i],
        names.get(authors[i]),
        Instant.ofEpochSecond(times[i], nanos[i]),
        names.get(clients[i]),
        clientSeqs[i]);
  }

  /** Forgets every revision before {@code revision}. */
  void dropBefore(long revision) {
    int drop = (int) Math.min(size, Math.max(0, revision - firstRevision));
    if (drop == 0) {
      return;
    }
    int keep = size - drop;
    System.arraycopy(operations, drop, operations, 0, keep);
    Arrays.fill(operations, keep, size, null);
    System.arraycopy(reaches, drop, reaches, 0, keep);
    Arrays.fill(reaches, keep, size, null);
    System.arraycopy(lengthsAfter, drop, lengthsAfter, 0, keep);
    System.arraycopy(times, drop, times, 0, keep);
    System.arraycopy(nanos, drop, nanos, 0, keep);
    System.arraycopy(authors, drop, authors, 0, keep);
    System.arraycopy(clients, drop, clients, 0, keep);
    System.arraycopy(clientSeqs, drop, clientSeqs, 0, keep);
    size = keep;
    firstRevision += drop;
  }

  private int index(long revision) {
    long i = revision - firstRevision;
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(
          "revision "
              + revision
              + " not retained ("
              + firstRevision
              + ".."
              + (nextRevision() - 1)
              + ")");
    }
    return (int) i;
  }

  private int intern(String name) {
    Integer known = nameIndex.get(name);
    if (known != null) {
      return known;
    }
    names.add(name);
    nameIndex.put(name, names.size() - 1);
    return names.size() - 1;
  }
}
