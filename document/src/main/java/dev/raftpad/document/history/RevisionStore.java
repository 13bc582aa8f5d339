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
 *
 * <p>An array slot, once written, is never written again (growing and dropping copy into new
 * arrays), so a {@link View} taken on the owning thread can be read on another while revisions are
 * appended.
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

  /**
   * Forgets every revision before {@code revision}. Copies into new arrays rather than shifting in
   * place: a {@link View} may still be reading the old ones.
   */
  void dropBefore(long revision) {
    int drop = (int) Math.min(size, Math.max(0, revision - firstRevision));
    if (drop == 0) {
      return;
    }
    int capacity = Math.max(1024, operations.length);
    operations = Arrays.copyOfRange(operations, drop, drop + capacity);
    reaches = Arrays.copyOfRange(reaches, drop, drop + capacity);
    lengthsAfter = Arrays.copyOfRange(lengthsAfter, drop, drop + capacity);
    times = Arrays.copyOfRange(times, drop, drop + capacity);
    nanos = Arrays.copyOfRange(nanos, drop, drop + capacity);
    authors = Arrays.copyOfRange(authors, drop, drop + capacity);
    clients = Arrays.copyOfRange(clients, drop, drop + capacity);
    clientSeqs = Arrays.copyOfRange(clientSeqs, drop, drop + capacity);
    size -= drop;
    firstRevision += drop;
  }

  /**
   * The revisions retained now, readable on any thread after this one hands it over (the arrays'
   * slots below the size are never written again; the interned names are copied).
   */
  View view() {
    return new View(
        firstRevision,
        size,
        operations,
        times,
        nanos,
        authors,
        clients,
        clientSeqs,
        List.copyOf(names));
  }

  /** The revisions of a store at one moment; see {@link #view()}. */
  static final class View {
    private final long firstRevision;
    private final int size;
    private final Operation[] operations;
    private final long[] times;
    private final int[] nanos;
    private final int[] authors;
    private final int[] clients;
    private final long[] clientSeqs;
    private final List<String> names;

    // The arrays are the store's own, shared on purpose: their slots below size never change.
    @SuppressWarnings("ParameterNumber")
    private View(
        long firstRevision,
        int size,
        Operation[] operations,
        long[] times,
        int[] nanos,
        int[] authors,
        int[] clients,
        long[] clientSeqs,
        List<String> names) {
      this.firstRevision = firstRevision;
      this.size = size;
      this.operations = operations;
      this.times = times;
      this.nanos = nanos;
      this.authors = authors;
      this.clients = clients;
      this.clientSeqs = clientSeqs;
      this.names = names;
    }

    /** Every revision of the view, oldest first. */
    List<Revision> revisions() {
      List<Revision> revisions = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        revisions.add(
            new Revision(
                firstRevision + i,
                operations[i],
                names.get(authors[i]),
                Instant.ofEpochSecond(times[i], nanos[i]),
                names.get(clients[i]),
                clientSeqs[i]));
      }
      return revisions;
    }
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
