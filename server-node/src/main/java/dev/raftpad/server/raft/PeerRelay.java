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
  private final PeerProtocols protocols;
  private final Executor encoder;
  private final Queue<Event> queued = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();

  /**
   * @param protocols what each member reads: events are relayed only to members that read them
   */
  public PeerRelay(
      GrpcTransport transport,
      Supplier<Set<String>> otherMembers,
      PeerProtocols protocols,
      Executor encoder) {
    this.transport = transport;
    this.otherMembers = otherMembers;
    this.protocols = protocols;
    this.encoder = encoder;
  }

  @Override
  public void relay(Event event) {
    queued.add(event);
    scheduleDrain();
  }

  @Override
  public boolean forwards(String nodeId) {
    return protocols.forwards(nodeId);
  }

  @Override
  public boolean storesImages(String nodeId) {
    return protocols.storesImages(nodeId);
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
        // A member of an older version would end the link on a body it does not know.
        var peers = otherMembers.get().stream().filter(protocols::forwards).toList();
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
