package dev.raftpad.client.cli;

import dev.raftpad.document.op.Component;
import dev.raftpad.document.op.Delete;
import dev.raftpad.document.op.Insert;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Retain;
import dev.raftpad.document.text.Document;

/**
 * An operation shown as text for a terminal: unchanged text as is, insertions as {+...+}, deletions
 * as [-...-], formatting changes marked with {~...~} (like wdiff).
 */
final class OperationText {
  private OperationText() {}

  static String render(Document base, Operation change) {
    StringBuilder out = new StringBuilder();
    int position = 0;
    for (Component component : change.components()) {
      switch (component) {
        case Retain r -> {
          String text = base.text(position, r.count());
          out.append(r.attributes().isEmpty() ? text : "{~" + text + "~}");
          position += r.count();
        }
        case Insert i -> out.append("{+").append(i.text()).append("+}");
        case Delete d -> {
          out.append("[-").append(base.text(position, d.count())).append("-]");
          position += d.count();
        }
      }
    }
    out.append(base.text(position, base.length() - position));
    return out.toString();
  }
}
