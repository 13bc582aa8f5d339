package dev.raftpad.document.op;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks an operation's components, handing out pieces of any length, as Quill's {@code OpIterator}
 * does. Past the end it yields an endless retain, which is how an operation's implicit trailing
 * retain takes part in compose and transform.
 */
final class ComponentCursor {
  /** The length of the endless retain past the end. */
  static final int ENDLESS = Integer.MAX_VALUE;

  private final List<Component> components;
  private int index;
  private int currentLength;
  private int offset;
  private int utf16Offset;

  ComponentCursor(List<Component> components) {
    this.components = components;
    this.currentLength = components.isEmpty() ? 0 : components.get(0).length();
  }

  boolean hasNext() {
    return index < components.size();
  }

  /** The code points left in the current component, {@link #ENDLESS} past the end. */
  int peekLength() {
    return hasNext() ? currentLength - offset : ENDLESS;
  }

  boolean peekIsInsert() {
    return hasNext() && components.get(index) instanceof Insert;
  }

  boolean peekIsDelete() {
    return hasNext() && components.get(index) instanceof Delete;
  }

  /** The rest of the current component. */
  Component next() {
    return next(ENDLESS);
  }

  /** At most {@code length} code points of the current component. */
  Component next(int length) {
    if (!hasNext()) {
      return new Retain(ENDLESS, Attributes.NONE);
    }
    Component current = components.get(index);
    int remaining = currentLength - offset;
    int take = Math.min(length, remaining);
    Component piece;
    if (offset == 0 && take == remaining) {
      piece = current;
    } else {
      piece =
          switch (current) {
            case Retain retain -> new Retain(take, retain.attributes());
            case Delete delete -> new Delete(take);
            case Insert insert -> {
              String text = insert.text();
              int end = text.offsetByCodePoints(utf16Offset, take);
              String slice = text.substring(utf16Offset, end);
              utf16Offset = end;
              yield new Insert(slice, insert.attributes());
            }
          };
    }
    if (take == remaining) {
      index++;
      offset = 0;
      utf16Offset = 0;
      currentLength = hasNext() ? components.get(index).length() : 0;
    } else {
      offset += take;
    }
    return piece;
  }

  /** Everything not yet handed out. */
  List<Component> rest() {
    List<Component> rest = new ArrayList<>();
    while (hasNext()) {
      rest.add(next());
    }
    return rest;
  }
}
