package dev.raftpad.document.op;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Carries one operation forward through the operations committed after its base, in order: the
 * result equals transforming it against each in turn ({@link Operation#transform}), but a committed
 * operation that only touches text after it leaves it as it is, and one that only touches text
 * before it shifts it, without walking either. Only operations that meet it at the same place are
 * transformed in full.
 *
 * <p>Why: in a crowded document an operation made against revision r is applied after every
 * operation committed since r — hundreds when many people type at once — and nearly all of them
 * were typed elsewhere in the text. Walking each pair made transformation the cost of the apply
 * path on every replica.
 */
public final class Rebase {
  private Operation operation;
  private OperationReach reach;

  /** Added to the leading retain of {@link #operation}, not yet built into it. */
  private int shift;

  /** Starts from {@code operation}, made against the base revision. */
  public Rebase(Operation operation) {
    this(operation, OperationReach.of(operation), 0);
  }

  private Rebase(Operation operation, OperationReach reach, int shift) {
    this.operation = operation;
    this.reach = reach;
    this.shift = shift;
  }

  /**
   * Moves the operation past {@code committed}, the next operation committed after the ones already
   * passed.
   *
   * @param committedReach {@code OperationReach.of(committed)}, usually kept with it
   * @param committedFirst as {@code committed.transform(operation, committedFirst)}: whether the
   *     committed operation's inserts go first where both insert at one place (asked only when the
   *     two meet)
   */
  public void over(
      Operation committed, OperationReach committedReach, BooleanSupplier committedFirst) {
    over(
        committed.isIdentity(),
        committedReach.start(),
        committedReach.end(),
        committedReach.lengthChange(),
        () -> committed,
        committedFirst);
  }

  /**
   * Moves the operation past another one being carried forward, as it is now: the same as {@link
   * #over(Operation, OperationReach, BooleanSupplier)} with {@code committed.result()}, but the
   * other is built only where the two meet. (The undo stack carries a remote edit and its entries
   * past each other this way.)
   */
  public void over(Rebase committed, boolean committedFirst) {
    over(
        committed.operation.isIdentity(),
        committed.reach.start() + committed.shift,
        committed.reach.end() + committed.shift,
        committed.reach.lengthChange(),
        committed::built,
        () -> committedFirst);
  }

  private void over(
      boolean committedIsIdentity,
      int committedStart,
      int committedEnd,
      int committedLengthChange,
      Supplier<Operation> committed,
      BooleanSupplier committedFirst) {
    if (operation.isIdentity() || committedIsIdentity) {
      return;
    }
    int start = reach.start() + shift;
    int end = reach.end() + shift;
    if (committedStart > end) {
      // Every change of the committed operation lies after everything this one touches, and no
      // insert of either is at the other's place: nothing moves.
      return;
    }
    if (committedEnd < start) {
      // Every change lies before this one's first: only the leading retain grows or shrinks.
      shift += committedLengthChange;
      return;
    }
    operation = committed.get().transform(built(), committedFirst.getAsBoolean());
    reach = OperationReach.of(operation);
    shift = 0;
  }

  /** An independent copy, where this one is now. */
  public Rebase copy() {
    return new Rebase(operation, reach, shift);
  }

  /** The operation as it applies after every committed operation passed so far. */
  public Operation result() {
    operation = built();
    shift = 0;
    return operation;
  }

  private Operation built() {
    if (shift == 0) {
      return operation;
    }
    operation = shifted(operation, reach, shift);
    reach = new OperationReach(reach.start() + shift, reach.end() + shift, reach.lengthChange());
    shift = 0;
    return operation;
  }

  /**
   * {@code operation} with its leading plain retain longer by {@code shift} (shorter if negative):
   * the operation after a concurrent one that changed only the text before its first change.
   */
  static Operation shifted(Operation operation, OperationReach reach, int shift) {
    List<Component> components = operation.components();
    OperationBuilder builder = new OperationBuilder().retain(reach.start() + shift);
    // The leading plain retain is replaced; the rest is already canonical after a retain.
    for (int i = reach.start() > 0 ? 1 : 0; i < components.size(); i++) {
      builder.push(components.get(i));
    }
    return builder.build();
  }
}
