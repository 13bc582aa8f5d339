package dev.raftpad.document.op;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds an {@link Operation} in canonical form, so equal effects give equal records: adjacent
 * components of one kind and formatting merged, an insert always before an adjacent delete, and no
 * trailing retain that changes nothing (Quill's {@code push} and {@code chop}).
 */
public final class OperationBuilder {
  private final List<Component> components = new ArrayList<>();

  /** Keeps {@code count} code points unchanged; a count of 0 adds nothing. */
  public OperationBuilder retain(int count) {
    return retain(count, Attributes.NONE);
  }

  /** Keeps {@code count} code points, changing their formatting; 0 adds nothing. */
  public OperationBuilder retain(int count, Attributes attributes) {
    if (count > 0) {
      push(new Retain(count, attributes));
    }
    return this;
  }

  /** Adds plain text; empty text adds nothing. */
  public OperationBuilder insert(String text) {
    return insert(text, Attributes.NONE);
  }

  /** Adds formatted text; empty text adds nothing. */
  public OperationBuilder insert(String text, Attributes attributes) {
    if (!text.isEmpty()) {
      push(new Insert(text, attributes));
    }
    return this;
  }

  /** Removes {@code count} code points; 0 adds nothing. */
  public OperationBuilder delete(int count) {
    if (count > 0) {
      push(new Delete(count));
    }
    return this;
  }

  /** Adds any component, merging it with the previous one where possible. */
  public OperationBuilder push(Component component) {
    int at = components.size();
    if (at > 0) {
      Component last = components.get(at - 1);
      if (component instanceof Delete delete && last instanceof Delete previous) {
        components.set(at - 1, new Delete(previous.count() + delete.count()));
        return this;
      }
      if (component instanceof Insert && last instanceof Delete) {
        // Canonical order: an insert goes before the delete it touches (same effect).
        at--;
        if (at == 0) {
          components.add(0, component);
          return this;
        }
        last = components.get(at - 1);
      }
      if (component instanceof Insert insert
          && last instanceof Insert previous
          && previous.attributes().equals(insert.attributes())) {
        components.set(at - 1, new Insert(previous.text() + insert.text(), insert.attributes()));
        return this;
      }
      if (component instanceof Retain retain
          && last instanceof Retain previous
          && previous.attributes().equals(retain.attributes())) {
        components.set(at - 1, new Retain(previous.count() + retain.count(), retain.attributes()));
        return this;
      }
    }
    components.add(at, component);
    return this;
  }

  /** The operation, with a trailing retain that changes nothing dropped. */
  public Operation build() {
    int size = components.size();
    if (size > 0
        && components.get(size - 1) instanceof Retain retain
        && retain.attributes().isEmpty()) {
      components.remove(size - 1);
    }
    return new Operation(components);
  }
}
