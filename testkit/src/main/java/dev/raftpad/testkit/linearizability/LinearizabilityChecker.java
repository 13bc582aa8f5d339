package dev.raftpad.testkit.linearizability;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a concurrent history is linearizable with respect to a {@link Model}: the
 * Wing–Gong algorithm with Lowe's memoization of (linearized set, state), run separately on each
 * partition of the history, as Porcupine (Anish Athalye) does it.
 *
 * <p>The search walks the history's call and return events in time order. At a call it tries to
 * linearize that operation now (the model must accept its output); at a return whose operation is
 * not yet linearized it must backtrack. A memo of visited (set of linearized operations, state)
 * pairs keeps the search from repeating work.
 */
public final class LinearizabilityChecker {
  private final long maxStepsPerPartition;

  public LinearizabilityChecker(long maxStepsPerPartition) {
    this.maxStepsPerPartition = maxStepsPerPartition;
  }

  public LinearizabilityChecker() {
    this(50_000_000L);
  }

  public <S, I, O> CheckResult check(Model<S, I, O> model, List<Operation<I, O>> history) {
    Map<Object, List<Operation<I, O>>> partitions = new LinkedHashMap<>();
    for (Operation<I, O> op : history) {
      partitions.computeIfAbsent(model.partitionKey(op.input()), k -> new ArrayList<>()).add(op);
    }
    for (Map.Entry<Object, List<Operation<I, O>>> partition : partitions.entrySet()) {
      CheckResult result = checkPartition(model, partition.getKey(), partition.getValue());
      if (!(result instanceof CheckResult.Linearizable)) {
        return result;
      }
    }
    return new CheckResult.Linearizable(history.size(), partitions.size());
  }

  /** A call or return event in a doubly linked list that operations are lifted out of. */
  private static final class Event<I, O> {
    final int op;
    final boolean isCall;
    final long time;
    Event<I, O> match; // call <-> return
    Event<I, O> prev;
    Event<I, O> next;
    final Operation<I, O> operation;

    Event(int op, boolean isCall, long time, Operation<I, O> operation) {
      this.op = op;
      this.isCall = isCall;
      this.time = time;
      this.operation = operation;
    }
  }

  private record Memo(BitSet linearized, Object state) {}

  private record Frame<S, I, O>(Event<I, O> call, S state) {}

  private <S, I, O> CheckResult checkPartition(
      Model<S, I, O> model, Object key, List<Operation<I, O>> ops) {
    Event<I, O> head = buildEventList(ops);
    BitSet linearized = new BitSet(ops.size());
    Set<Memo> memo = new HashSet<>();
    ArrayDeque<Frame<S, I, O>> stack = new ArrayDeque<>();
    S state = model.initialState();
    Event<I, O> event = head.next;
    long steps = 0;
    while (head.next != null) {
      if (++steps > maxStepsPerPartition) {
        return new CheckResult.Undecided(key, steps);
      }
      if (event.isCall) {
        Optional<S> after = model.step(state, event.operation.input(), event.operation.output());
        boolean advanced = false;
        if (after.isPresent()) {
          BitSet candidate = (BitSet) linearized.clone();
          candidate.set(event.op);
          if (memo.add(new Memo(candidate, after.get()))) {
            stack.push(new Frame<>(event, state));
            state = after.get();
            linearized.set(event.op);
            lift(event);
            event = head.next;
            advanced = true;
          }
        }
        if (!advanced) {
          event = event.next;
        }
      } else {
        // A return whose call could not be linearized before it: undo the last choice.
        if (stack.isEmpty()) {
          return new CheckResult.NotLinearizable(key, ops);
        }
        Frame<S, I, O> frame = stack.pop();
        state = frame.state();
        linearized.clear(frame.call().op);
        unlift(frame.call());
        event = frame.call().next;
      }
    }
    return new CheckResult.Linearizable(ops.size(), 1);
  }

  private static <I, O> Event<I, O> buildEventList(List<Operation<I, O>> ops) {
    List<Event<I, O>> events = new ArrayList<>(ops.size() * 2);
    for (int i = 0; i < ops.size(); i++) {
      Operation<I, O> op = ops.get(i);
      Event<I, O> call = new Event<>(i, true, op.call(), op);
      Event<I, O> ret = new Event<>(i, false, op.returned(), op);
      call.match = ret;
      ret.match = call;
      events.add(call);
      events.add(ret);
    }
    // Time order; at equal times calls first, so touching operations count as concurrent.
    events.sort(
        Comparator.<Event<I, O>>comparingLong(e -> e.time).thenComparingInt(e -> e.isCall ? 0 : 1));
    Event<I, O> head = new Event<>(-1, false, Long.MIN_VALUE, null);
    Event<I, O> last = head;
    for (Event<I, O> e : events) {
      last.next = e;
      e.prev = last;
      last = e;
    }
    return head;
  }

  /** Removes a call and its return from the list. */
  private static <I, O> void lift(Event<I, O> call) {
    call.prev.next = call.next;
    if (call.next != null) {
      call.next.prev = call.prev;
    }
    Event<I, O> ret = call.match;
    ret.prev.next = ret.next;
    if (ret.next != null) {
      ret.next.prev = ret.prev;
    }
  }

  /** Puts a lifted call and its return back where they were. */
  private static <I, O> void unlift(Event<I, O> call) {
    Event<I, O> ret = call.match;
    ret.prev.next = ret;
    if (ret.next != null) {
      ret.next.prev = ret;
    }
    call.prev.next = call;
    if (call.next != null) {
      call.next.prev = call;
    }
  }
}
