package dev.raftpad.server.raft;

import dev.raftpad.proto.v1.Event;
import dev.raftpad.server.api.OtherNodes;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Relays ephemeral events (carets) to the other members over their peer links. Each is encoded
 * once, on {@code encoder} rather than the caller's thread (carets are made on the Raft loop
 * thread, which encodes nothing for clients), and they leave in the order they came: receivers keep
 * the latest caret, so an earlier one overtaking a later one would stick. One drain at a time.
 */
public final class PeerRelay implements OtherNodes {
  private final GrpcTransport transport;
  private final Supplier<Set<String>> otherMembers;
  private final Executor encoder;
  private final Queue<Event> queued = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();

  public PeerRelay(GrpcTransport transport, Supplier<Set<String>> otherMembers, Executor encoder) {
    this.transport = transport;
    this.otherMembers = otherMembers;
    this.encoder = encoder;
  }

  @Override
  public void relay(Event event) {
    queued.add(event);
    scheduleDrain();
  }

  private void scheduleDrain() {
    if (queued.isEmpty() || !draining.compareAndSet(false, true)) {
      return;
    }
    try {
      encoder.execute(this::drain);
    } catch (RejectedExecutionException stopping) {
      queued.clear(); // the node is shutting down: carets less
      draining.set(false);
    }
  }

  private void drain() {
    try {
      Event event;
      while ((event = queued.poll()) != null) {
        Set<String> peers = otherMembers.get();
        if (!peers.isEmpty()) {
          var bytes = event.toByteString();
          peers.forEach(peer -> transport.relay(peer, bytes));
        }
      }
    } finally {
      draining.set(false);
    }
    scheduleDrain(); // one may have come after the last poll
  }
}
