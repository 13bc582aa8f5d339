package dev.raftpad.document.op;

/** Transform: rewrite a concurrent operation or a position to apply after another operation. */
final class Transformation {
  private Transformation() {}

  static Operation transform(Operation first, Operation concurrent, boolean firstWins) {
    if (first.isIdentity() || concurrent.isIdentity()) {
      return concurrent;
    }
    // Two edits at different places, the common case (a remote keystroke against one's own, an
    // undo entry against a remote edit): no walk, as Rebase does it.
    OperationReach firstReach = OperationReach.of(first);
    OperationReach concurrentReach = OperationReach.of(concurrent);
    if (firstReach.start() > concurrentReach.end()) {
      return concurrent;
    }
    if (firstReach.end() < concurrentReach.start()) {
      return Rebase.shifted(concurrent, concurrentReach, firstReach.lengthChange());
    }
    return transformByWalking(first, concurrent, firstWins);
  }

  /** Transform by walking both operations, the definition the shortcuts above must agree with. */
  static Operation transformByWalking(Operation first, Operation concurrent, boolean firstWins) {
    if (first.isIdentity() || concurrent.isIdentity()) {
      return concurrent;
    }
    ComponentCursor a = new ComponentCursor(first.components());
    ComponentCursor b = new ComponentCursor(concurrent.components());
    OperationBuilder result = new OperationBuilder();
    while (a.hasNext() || b.hasNext()) {
      if (a.peekIsInsert() && (firstWins || !b.peekIsInsert())) {
        result.retain(a.next().length());
      } else if (b.peekIsInsert()) {
        result.push(b.next());
      } else {
        int length = Math.min(a.peekLength(), b.peekLength());
        Component fromFirst = a.next(length);
        Component fromConcurrent = b.next(length);
        if (fromFirst instanceof Delete) {
          // Already gone: a concurrent delete of it is redundant, a retain of it has nothing left.
          continue;
        }
        switch (fromConcurrent) {
          case Delete delete -> result.push(delete);
          case Retain retain ->
              result.retain(
                  length,
                  Attributes.transform(
                      ((Retain) fromFirst).attributes(), retain.attributes(), firstWins));
          case Insert unreachable -> throw new AssertionError("inserts are pushed above");
        }
      }
    }
    return result.build();
  }

  static int transformPosition(Operation operation, int position, boolean stayBeforeInserts) {
    ComponentCursor cursor = new ComponentCursor(operation.components());
    int index = position;
    int offset = 0;
    while (cursor.hasNext() && offset <= index) {
      Component component = cursor.next();
      int length = component.length();
      switch (component) {
        case Delete delete -> {
          index -= Math.min(length, index - offset);
          continue;
        }
        case Insert insert -> {
          if (offset < index || !stayBeforeInserts) {
            index += length;
          }
        }
        case Retain retain -> {}
      }
      offset += length;
    }
    return index;
  }
}
