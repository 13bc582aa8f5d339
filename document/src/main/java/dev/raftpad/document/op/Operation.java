package dev.raftpad.document.op;

import java.util.ArrayList;
import java.util.List;

/**
 * A change to a rich-text document, as a Quill delta: retains, inserts and deletes walked from the
 * start of the document. Positions and lengths count code points. Anything past the last component
 * is kept (an implicit trailing retain), so an operation applies to any document at least {@link
 * #baseLength()} long.
 *
 * <p>Operations are immutable values in canonical form (see {@link OperationBuilder}): two
 * operations with the same effect are {@code equals}. A document's content is itself an operation
 * of inserts only.
 *
 * <p>The algebra: {@link #compose}, {@link #transform} (with a deterministic tie-break), {@link
 * #transformPosition}; invert and diff need the document and live on {@code
 * dev.raftpad.document.text.Document}.
 *
 * @param components the steps, in canonical form
 */
public record Operation(List<Component> components) {
  /** The operation that changes nothing. */
  public static final Operation IDENTITY = new Operation(List.of());

  /** Copies the components and checks they are in canonical form. */
  public Operation {
    components = List.copyOf(components);
    if (!isCanonical(components)) {
      throw new IllegalArgumentException(
          "components not in canonical form (build with OperationBuilder): " + components);
    }
  }

  /** A builder of canonical operations. */
  public static OperationBuilder builder() {
    return new OperationBuilder();
  }

  /** The canonical operation with the same effect as any list of components. */
  public static Operation of(List<? extends Component> components) {
    OperationBuilder builder = builder();
    components.forEach(builder::push);
    return builder.build();
  }

  /** Inserts plain {@code text} at code-point {@code position}. */
  public static Operation insert(int position, String text) {
    return builder().retain(position).insert(text).build();
  }

  /** Inserts formatted {@code text} at code-point {@code position}. */
  public static Operation insert(int position, String text, Attributes attributes) {
    return builder().retain(position).insert(text, attributes).build();
  }

  /** Deletes {@code count} code points at {@code position}. */
  public static Operation delete(int position, int count) {
    return builder().retain(position).delete(count).build();
  }

  /** Changes the formatting of {@code count} code points at {@code position}. */
  public static Operation format(int position, int count, Attributes change) {
    return builder().retain(position).retain(count, change).build();
  }

  /** The shortest document this operation applies to: the code points it retains or deletes. */
  public int baseLength() {
    int length = 0;
    for (Component component : components) {
      if (!(component instanceof Insert)) {
        length += component.length();
      }
    }
    return length;
  }

  /** How much longer (or, negative, shorter) the document becomes. */
  public int lengthChange() {
    int change = 0;
    for (Component component : components) {
      switch (component) {
        case Insert insert -> change += insert.length();
        case Delete delete -> change -= delete.count();
        case Retain retain -> {}
      }
    }
    return change;
  }

  /** Whether applying this operation changes nothing. */
  public boolean isIdentity() {
    return components.isEmpty();
  }

  /**
   * This operation followed by {@code next}, as one operation: applying the result equals applying
   * this, then {@code next}.
   */
  public Operation compose(Operation next) {
    return Composition.compose(this, next);
  }

  /**
   * {@code concurrent}, made against the same document as this operation, rewritten to apply after
   * this one (Quill's {@code transform}). When both insert at the same place, {@code thisFirst}
   * decides: true puts this operation's text first. Convergence (TP1): {@code
   * a.compose(a.transform(b, true))} equals {@code b.compose(b.transform(a, false))}.
   *
   * <p>Raftpad chooses {@code thisFirst} with {@link TieBreak}: the text of the client whose id
   * sorts first goes first, on the server and on every client alike.
   */
  public Operation transform(Operation concurrent, boolean thisFirst) {
    return Transformation.transform(this, concurrent, thisFirst);
  }

  /**
   * Where a position moves when this operation is applied. An insert exactly at the position moves
   * it right unless {@code stayBeforeInserts} (a caret that keeps its place in front of text typed
   * at it). A position inside a deleted range moves to the start of the range.
   */
  public int transformPosition(int position, boolean stayBeforeInserts) {
    return Transformation.transformPosition(this, position, stayBeforeInserts);
  }

  /**
   * Why this operation may not be accepted from a client, empty when it may: malformed colours or
   * links.
   *
   * <p>Block attributes on characters other than line ends are not refused: compose, invert and
   * diff must stay uniform over every character (an insert composed with a later retain carries
   * that retain's attributes), so such attributes can arise legitimately. They carry no meaning;
   * editors read block formatting from line ends only.
   */
  public List<String> problems() {
    List<String> problems = List.of();
    for (Component component : components) {
      Attributes attributes =
          switch (component) {
            case Insert insert -> insert.attributes();
            case Retain retain -> retain.attributes();
            case Delete delete -> Attributes.NONE;
          };
      if (!attributes.isEmpty() && !attributes.problems().isEmpty()) {
        problems = new ArrayList<>(problems);
        problems.addAll(attributes.problems());
      }
    }
    return problems;
  }

  private static boolean isCanonical(List<Component> components) {
    for (int i = 1; i < components.size(); i++) {
      Component previous = components.get(i - 1);
      Component current = components.get(i);
      boolean mergeable =
          switch (current) {
            case Delete d -> previous instanceof Delete;
            case Insert insert ->
                previous instanceof Delete
                    || (previous instanceof Insert p && p.attributes().equals(insert.attributes()));
            case Retain retain ->
                previous instanceof Retain p && p.attributes().equals(retain.attributes());
          };
      if (mergeable) {
        return false;
      }
    }
    return components.isEmpty()
        || !(components.get(components.size() - 1) instanceof Retain last
            && last.attributes().isEmpty());
  }
}
