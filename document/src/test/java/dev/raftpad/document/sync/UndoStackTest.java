package dev.raftpad.document.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.document.RandomEdits;
import dev.raftpad.document.op.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The undo stack carries its entries past remote edits without rebuilding those the edit does not
 * meet; what it hands back must be exactly what transforming every entry in full gives.
 */
class UndoStackTest {

  @Property(tries = 3000)
  void entriesCarriedPastRemoteEditsEqualTransformingEachInFull(@ForAll long seed) {
    RandomEdits edits = new RandomEdits(seed);
    Random random = edits.random();
    int length = edits.document().length();
    UndoStack stack = new UndoStack(UndoStack.DEFAULT_DEPTH);
    List<Operation> undo = new ArrayList<>(); // newest first, transformed in full
    List<Operation> redo = new ArrayList<>();
    int steps = random.nextInt(40);
    for (int i = 0; i < steps; i++) {
      Operation operation = edits.mostlyKeystrokes(length);
      switch (random.nextInt(6)) {
        case 0 -> {
          boolean continuesLast = random.nextBoolean() && !undo.isEmpty();
          stack.recordEdit(operation, continuesLast);
          undo.add(0, continuesLast ? operation.compose(undo.remove(0)) : operation);
          redo.clear();
        }
        case 1 -> {
          stack.pushRedo(operation);
          redo.add(0, operation);
        }
        case 2 -> {
          Optional<Operation> popped = stack.popUndo();
          assertThat(popped).as("seed %d", seed).isEqualTo(first(undo));
        }
        default -> {
          stack.transform(operation);
          transformInFull(undo, operation);
          transformInFull(redo, operation);
          length = Math.max(0, length + operation.lengthChange());
        }
      }
    }

    for (Operation expected : undo) {
      assertThat(stack.popUndo()).as("seed %d", seed).contains(expected);
    }
    for (Operation expected : redo) {
      assertThat(stack.popRedo()).as("seed %d", seed).contains(expected);
    }
    assertThat(stack.canUndo() || stack.canRedo()).as("seed %d", seed).isFalse();
  }

  /** The definition: each entry after the remote edit, the edit after each entry, newest first. */
  private static void transformInFull(List<Operation> stack, Operation remote) {
    Operation change = remote;
    for (int i = 0; i < stack.size(); i++) {
      Operation entry = stack.get(i);
      stack.set(i, change.transform(entry, true));
      change = entry.transform(change, false);
    }
  }

  private static Optional<Operation> first(List<Operation> stack) {
    return stack.isEmpty() ? Optional.empty() : Optional.of(stack.remove(0));
  }
}
