package dev.raftpad.document.op;

/**
 * The stretch of its base document an operation touches, and how much it changes the length: what
 * {@link Rebase} needs to see that two concurrent operations cannot interact without walking them.
 *
 * @param start the code points before the first change (the operation's leading plain retain)
 * @param end the code points the operation covers ({@link Operation#baseLength()}): nothing after
 *     it changes, and every insert is at or before it
 * @param lengthChange {@link Operation#lengthChange()}
 */
public record OperationReach(int start, int end, int lengthChange) {
  /** The reach of {@code operation}. */
  public static OperationReach of(Operation operation) {
    int start = 0;
    int end = 0;
    int lengthChange = 0;
    boolean leading = true;
    for (Component component : operation.components()) {
      switch (component) {
        case Retain retain -> {
          if (leading && retain.attributes().isEmpty()) {
            start += retain.count();
          } else {
            leading = false;
          }
          end += retain.count();
        }
        case Insert insert -> {
          leading = false;
          lengthChange += insert.length();
        }
        case Delete delete -> {
          leading = false;
          end += delete.count();
          lengthChange -= delete.count();
        }
      }
    }
    return new OperationReach(start, end, lengthChange);
  }
}
