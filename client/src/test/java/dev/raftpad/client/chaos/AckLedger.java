package dev.raftpad.client.chaos;

import dev.raftpad.client.sdk.session.DocumentSession;
import dev.raftpad.client.sdk.session.SessionEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One writer's account of which of its tokens the server acknowledged, kept from the {@link
 * SessionEvent}s of its {@link DocumentSession}.
 *
 * <p>A token is <em>acknowledged</em> only when an {@link SessionEvent.Acknowledged} for its client
 * sequence number (or a later one) is delivered while the token is pending, that is, typed into the
 * sync client the session has at that point of the event order. A {@link SessionEvent.Resynced}
 * starts a fresh sync client (a new client id whose sequence numbers restart at 1): every token
 * still pending then has an unknown fate (it may have committed under the old client id, or been
 * dropped with the old client's buffer) and stays merely <em>typed</em>.
 *
 * <p>The session applies an edit and changes its sync client under its own lock, but delivers the
 * events afterwards on its event executor, so the writer's record of an edit and the session's
 * event order must not be allowed to interleave: {@link #type} runs the edit and records its
 * sequence number under this ledger's monitor, which {@link #onEvent} needs too, so no event is
 * delivered between the two. (The session never holds its lock while delivering, so there is no
 * lock cycle.) Two consequences that the earlier bookkeeping got wrong:
 *
 * <ul>
 *   <li>A token is never acknowledged at the time it is typed. The Acknowledged event for its
 *       sequence number cannot have been delivered yet; and an "acknowledged up to" mark from
 *       earlier events may belong to the previous client id, whose Resynced event is still on its
 *       way (the session swapped clients before the token was typed): its seq 1 is not the old
 *       client's seq 1.
 *   <li>At the end, "synchronized" does not confirm what is pending: the session may already be
 *       synchronized on a new client whose Resynced event is not delivered yet. The test waits
 *       instead until every pending token was either acknowledged or given up by a Resynced ({@link
 *       #settled}).
 * </ul>
 */
final class AckLedger {
  private final Set<String> acked = ConcurrentHashMap.newKeySet();
  private final List<String> typed = new ArrayList<>();
  private final Map<String, Long> pending = new LinkedHashMap<>();
  private final Map<String, String> notes = new LinkedHashMap<>();
  private final List<String> resyncs = new ArrayList<>();
  private int epoch;

  /**
   * Types {@code token}: runs {@code edit} (which returns the client sequence number the edit
   * travels with, {@link DocumentSession#localEdit}) and records it, with no session event
   * delivered in between. If {@code edit} throws, nothing is recorded.
   */
  synchronized void type(String token, LongSupplier edit) {
    long seq = edit.getAsLong();
    if (seq <= 0) {
      throw new AssertionError("local edit of " + token + " travels with seq " + seq);
    }
    typed.add(token);
    pending.put(token, seq);
    notes.put(token, "typed as seq " + seq + " after " + epoch + " resyncs");
  }

  /** A listener for the writer's session. */
  synchronized void onEvent(SessionEvent event) {
    switch (event) {
      case SessionEvent.Acknowledged a -> {
        for (Iterator<Map.Entry<String, Long>> it = pending.entrySet().iterator(); it.hasNext(); ) {
          Map.Entry<String, Long> e = it.next();
          if (e.getValue() <= a.clientSeq()) {
            acked.add(e.getKey());
            notes.merge(e.getKey(), "; acknowledged by " + a, String::concat);
            it.remove();
          }
        }
      }
      case SessionEvent.Resynced r -> {
        epoch++;
        resyncs.add(r + " with " + pending.size() + " tokens pending");
        for (String token : pending.keySet()) {
          notes.merge(token, "; unknown fate after " + r, String::concat);
        }
        pending.clear();
      }
      default -> {}
    }
  }

  /** Whether every token was either acknowledged or given up by a resync. */
  synchronized boolean settled() {
    return pending.isEmpty();
  }

  synchronized Set<String> acknowledged() {
    return Set.copyOf(acked);
  }

  synchronized List<String> typed() {
    return List.copyOf(typed);
  }

  /** Any thread, lock-free (progress polling). */
  int acknowledgedCount() {
    return acked.size();
  }

  synchronized int typedCount() {
    return typed.size();
  }

  synchronized int pendingCount() {
    return pending.size();
  }

  /** How the token was typed and what happened to it, for a failure message. */
  synchronized String describe(String token) {
    return notes.getOrDefault(token, "never typed");
  }

  /** The Resynced events delivered, in order. */
  synchronized List<String> resyncs() {
    return List.copyOf(resyncs);
  }
}
