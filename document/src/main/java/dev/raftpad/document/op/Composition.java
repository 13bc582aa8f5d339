package dev.raftpad.document.op;

/** Compose: two operations in sequence as one (Quill's {@code Delta.compose}). */
final class Composition {
  private Composition() {}

  static Operation compose(Operation first, Operation second) {
    if (first.isIdentity()) {
      return second;
    }
    if (second.isIdentity()) {
      return first;
    }
    ComponentCursor a = new ComponentCursor(first.components());
    ComponentCursor b = new ComponentCursor(second.components());
    OperationBuilder result = new OperationBuilder();
    while (a.hasNext() || b.hasNext()) {
      if (b.peekIsInsert()) {
        result.push(b.next());
      } else if (a.peekIsDelete()) {
        result.push(a.next());
      } else {
        int length = Math.min(a.peekLength(), b.peekLength());
        Component fromFirst = a.next(length);
        Component fromSecond = b.next(length);
        if (fromSecond instanceof Retain change) {
          switch (fromFirst) {
            case Retain kept ->
                result.retain(
                    length, Attributes.compose(kept.attributes(), change.attributes(), true));
            case Insert inserted ->
                result.insert(
                    inserted.text(),
                    Attributes.compose(inserted.attributes(), change.attributes(), false));
            case Delete unreachable -> throw new AssertionError("deletes are pushed above");
          }
          if (!b.hasNext()) {
            // The rest of the first operation passes through unchanged.
            a.rest().forEach(result::push);
            break;
          }
        } else if (fromSecond instanceof Delete delete && fromFirst instanceof Retain) {
          result.push(delete);
        }
        // An insert then deleted by the second operation cancels out.
      }
    }
    return result.build();
  }
}
