package dev.raftpad.testkit.trace;

import dev.raftpad.document.op.Operation;
import dev.raftpad.testkit.trace.EditingTrace.Patch;
import java.util.List;

/** Turns trace patches (splices) into operations. */
final class Patches {
  private Patches() {}

  /** One splice as an operation. */
  static Operation toOperation(Patch patch) {
    return Operation.builder()
        .retain(patch.position())
        .insert(patch.inserted())
        .delete(patch.deleted())
        .build();
  }

  /** Splices applied one after another, as one operation. */
  static Operation toOperation(List<Patch> patches) {
    Operation result = Operation.IDENTITY;
    for (Patch patch : patches) {
      result = result.compose(toOperation(patch));
    }
    return result;
  }
}
