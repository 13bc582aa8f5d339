package dev.raftpad.client.sdk.internal;

import io.grpc.stub.ClientCallStreamObserver;

/**
 * Asks gRPC for a stream's incoming messages a window at a time. By default gRPC-java asks for the
 * next message only once the previous one was handled, each ask a task handed to the network
 * thread, so a busy stream delivers one message per hand-off between two threads (in the Raft
 * benchmark a stream with a window carried nine times the messages of one without). Called from the
 * stream's observer only, one message at a time.
 */
final class ReceiveWindow {
  static final int SIZE = 256;

  private final ClientCallStreamObserver<?> call;
  private int handledSinceAsked;

  private ReceiveWindow(ClientCallStreamObserver<?> call) {
    this.call = call;
  }

  /** Turns gRPC's one-at-a-time asking off for {@code call}; in its {@code beforeStart}. */
  static ReceiveWindow open(ClientCallStreamObserver<?> call) {
    call.disableAutoRequestWithInitial(SIZE);
    return new ReceiveWindow(call);
  }

  /** One message was handled; asks for the next half window when half of it is used. */
  void handled() {
    if (++handledSinceAsked == SIZE / 2) {
      handledSinceAsked = 0;
      call.request(SIZE / 2);
    }
  }
}
