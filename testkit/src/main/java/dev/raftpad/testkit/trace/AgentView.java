package dev.raftpad.testkit.trace;

import dev.raftpad.document.op.Operation;
import dev.raftpad.testkit.trace.CharacterOrder.ResolvedPatch;
import java.util.Arrays;

/**
 * Which characters one agent's document holds, and where: the transactions it has applied (its own
 * and those received), the characters they leave alive, and a Fenwick tree over the global order
 * that turns a character into its position in the agent's document in O(log n).
 */
final class AgentView {
  private final CausalContext context;
  private final CharacterOrder characters;
  private final boolean[] applied;
  private final boolean[] live;
  private final int[] liveBefore;
  private final int[] newestApplied;

  AgentView(int agents, int transactions, CausalContext context, CharacterOrder characters) {
    this.context = context;
    this.characters = characters;
    this.applied = new boolean[transactions];
    this.live = new boolean[characters.size()];
    this.liveBefore = new int[characters.size() + 1];
    this.newestApplied = new int[agents];
    Arrays.fill(newestApplied, -1);
  }

  /** The newest transaction of {@code agent} this agent has applied, or -1. */
  int newestApplied(int agent) {
    return newestApplied[agent];
  }

  /**
   * Applies this agent's own transaction: its patches, which name characters, become one operation
   * on the document as it is now.
   */
  Operation applyOwn(int txn) {
    Operation operation = Operation.IDENTITY;
    for (ResolvedPatch patch : characters.patches(txn)) {
      for (int character : patch.deleted()) {
        if (live[character]) {
          operation = operation.compose(Operation.delete(positionOf(character), 1));
          setLive(character, false);
        }
      }
      if (patch.inserted().length > 0) {
        int position = positionOf(patch.inserted()[0]);
        StringBuilder text = new StringBuilder();
        for (int character : patch.inserted()) {
          text.appendCodePoint(characters.codePoint(character));
          setLive(character, true);
        }
        operation = operation.compose(Operation.insert(position, text.toString()));
      }
    }
    markApplied(txn);
    return operation;
  }

  /** Records that another agent's transactions reached this agent's document. */
  void applyReceived(int[] txns) {
    for (int txn : txns) {
      markApplied(txn);
    }
    for (int txn : txns) {
      for (ResolvedPatch patch : characters.patches(txn)) {
        for (int character : patch.inserted()) {
          if (!deletedHere(character)) {
            setLive(character, true);
          }
        }
      }
    }
    for (int txn : txns) {
      for (ResolvedPatch patch : characters.patches(txn)) {
        for (int character : patch.deleted()) {
          setLive(character, false);
        }
      }
    }
  }

  /** The text this view says the agent's document holds (slow; for debugging). */
  String expectedText() {
    int[] byIndex = new int[characters.size()];
    for (int c = 0; c < characters.size(); c++) {
      byIndex[characters.globalIndex(c)] = c;
    }
    StringBuilder text = new StringBuilder();
    for (int character : byIndex) {
      if (live[character]) {
        text.appendCodePoint(characters.codePoint(character));
      }
    }
    return text.toString();
  }

  private void markApplied(int txn) {
    applied[txn] = true;
    int agent = context.agentOf(txn);
    newestApplied[agent] = Math.max(newestApplied[agent], txn);
  }

  private boolean deletedHere(int character) {
    for (int deleter : characters.deletedBy(character)) {
      if (applied[deleter]) {
        return true;
      }
    }
    return false;
  }

  /** The number of live characters before {@code character} in the global order. */
  private int positionOf(int character) {
    int sum = 0;
    for (int i = characters.globalIndex(character); i > 0; i -= i & -i) {
      sum += liveBefore[i];
    }
    return sum;
  }

  private void setLive(int character, boolean isLive) {
    if (live[character] != isLive) {
      live[character] = isLive;
      int delta = isLive ? 1 : -1;
      for (int i = characters.globalIndex(character) + 1; i < liveBefore.length; i += i & -i) {
        liveBefore[i] += delta;
      }
    }
  }
}
