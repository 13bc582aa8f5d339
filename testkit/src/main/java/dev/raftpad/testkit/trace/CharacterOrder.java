package dev.raftpad.testkit.trace;

import dev.raftpad.testkit.trace.EditingTrace.Concurrent;
import dev.raftpad.testkit.trace.EditingTrace.ConcurrentTransaction;
import dev.raftpad.testkit.trace.EditingTrace.Patch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gives every character a concurrent trace ever inserts an identity and one place in a global order
 * (deleted characters stay as tombstones), by replaying each transaction against exactly the
 * characters its causal context saw. A patch position then names characters, not offsets, so the
 * simulated clients can find the same characters in whatever state their document is in.
 */
final class CharacterOrder {
  /** The characters one patch deletes and inserts. */
  // Internal and never compared or hashed; arrays keep the replay compact.
  @SuppressWarnings("ArrayRecordComponent")
  record ResolvedPatch(int[] deleted, int[] inserted) {}

  private int count;
  private int[] codePoints = new int[1024];
  private int[] insertedBy = new int[1024];
  private int[][] deletedBy = new int[1024][];
  private int[] order = new int[1024];
  private int[] globalIndex;
  private final List<List<ResolvedPatch>> resolved = new ArrayList<>();

  CharacterOrder(Concurrent trace, CausalContext context) {
    for (int txn = 0; txn < trace.transactions().size(); txn++) {
      ConcurrentTransaction transaction = trace.transactions().get(txn);
      List<ResolvedPatch> patches = new ArrayList<>();
      for (Patch patch : transaction.patches()) {
        patches.add(resolve(txn, patch, context));
      }
      resolved.add(patches);
    }
    globalIndex = new int[count];
    for (int i = 0; i < count; i++) {
      globalIndex[order[i]] = i;
    }
  }

  /** How many characters were ever inserted. */
  int size() {
    return count;
  }

  /** The patches of a transaction, resolved to characters. */
  List<ResolvedPatch> patches(int txn) {
    return resolved.get(txn);
  }

  int codePoint(int character) {
    return codePoints[character];
  }

  int insertedBy(int character) {
    return insertedBy[character];
  }

  /** The transactions that deleted a character (concurrent deletes may be several). */
  int[] deletedBy(int character) {
    int[] deleters = deletedBy[character];
    return deleters == null ? new int[0] : deleters;
  }

  /** A character's place in the global order. */
  int globalIndex(int character) {
    return globalIndex[character];
  }

  /** The text of the characters no transaction deleted: what the whole trace ends with. */
  String finalText() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (deletedBy[order[i]] == null) {
        text.appendCodePoint(codePoints[order[i]]);
      }
    }
    return text.toString();
  }

  private ResolvedPatch resolve(int txn, Patch patch, CausalContext context) {
    // Slot just after the position-th character this transaction sees.
    int slot = 0;
    int seen = 0;
    while (seen < patch.position()) {
      if (slot >= count) {
        throw new IllegalArgumentException("transaction " + txn + ": position beyond the text");
      }
      if (visible(order[slot], txn, context)) {
        seen++;
      }
      slot++;
    }
    int[] deleted = new int[patch.deleted()];
    int scan = slot;
    for (int d = 0; d < deleted.length; scan++) {
      if (scan >= count) {
        throw new IllegalArgumentException("transaction " + txn + ": delete beyond the text");
      }
      int character = order[scan];
      if (visible(character, txn, context)) {
        deleted[d++] = character;
        int[] before = deletedBy[character];
        int[] after = before == null ? new int[1] : Arrays.copyOf(before, before.length + 1);
        after[after.length - 1] = txn;
        deletedBy[character] = after;
      }
    }
    int[] inserted = patch.inserted().codePoints().toArray();
    int[] ids = new int[inserted.length];
    ensureCapacity(count + inserted.length);
    System.arraycopy(order, slot, order, slot + inserted.length, count - slot);
    for (int k = 0; k < inserted.length; k++) {
      int id = count + k;
      ids[k] = id;
      codePoints[id] = inserted[k];
      insertedBy[id] = txn;
      order[slot + k] = id;
    }
    count += inserted.length;
    return new ResolvedPatch(deleted, ids);
  }

  private boolean visible(int character, int txn, CausalContext context) {
    if (!context.sees(txn, insertedBy[character])) {
      return false;
    }
    int[] deleters = deletedBy[character];
    if (deleters != null) {
      for (int deleter : deleters) {
        if (context.sees(txn, deleter)) {
          return false;
        }
      }
    }
    return true;
  }

  private void ensureCapacity(int needed) {
    if (needed > order.length) {
      int capacity = Math.max(needed, order.length * 2);
      order = Arrays.copyOf(order, capacity);
      codePoints = Arrays.copyOf(codePoints, capacity);
      insertedBy = Arrays.copyOf(insertedBy, capacity);
      deletedBy = Arrays.copyOf(deletedBy, capacity);
    }
  }
}
