package dev.raftpad.rpc;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.SecurityLevel;
import io.grpc.ServerCall;
import io.grpc.Status;

/**
 * The typed view of a call whose request bytes the guard parses: the service sees an ordinary
 * {@code ServerCall<Q, A>}. Everything that sends goes through one lock, and a close is made at
 * most once, because the guard may refuse a call on a transport thread while the service answers it
 * from another; whichever closes first wins and the other close is dropped.
 */
final class GuardedCall<Q, A> extends ServerCall<Q, A> {
  private final ServerCall<byte[], A> raw;
  private final MethodDescriptor<Q, A> method;
  private boolean closed;

  GuardedCall(ServerCall<byte[], A> raw, MethodDescriptor<Q, A> method) {
    this.raw = raw;
    this.method = method;
  }

  /** Closes the call unless it is closed already; true if this close was the one made. */
  synchronized boolean closeIfOpen(Status status, Metadata trailers) {
    if (closed) {
      return false;
    }
    closed = true;
    raw.close(status, trailers);
    return true;
  }

  synchronized boolean isClosed() {
    return closed;
  }

  @Override
  public void close(Status status, Metadata trailers) {
    closeIfOpen(status, trailers);
  }

  @Override
  public synchronized void sendHeaders(Metadata headers) {
    if (!closed) {
      raw.sendHeaders(headers);
    }
  }

  @Override
  public synchronized void sendMessage(A message) {
    if (!closed) {
      raw.sendMessage(message);
    }
  }

  @Override
  public void request(int numMessages) {
    raw.request(numMessages);
  }

  @Override
  public boolean isReady() {
    return raw.isReady();
  }

  @Override
  public boolean isCancelled() {
    return raw.isCancelled();
  }

  @Override
  public void setMessageCompression(boolean enabled) {
    raw.setMessageCompression(enabled);
  }

  @Override
  public void setCompression(String compressor) {
    raw.setCompression(compressor);
  }

  @Override
  public Attributes getAttributes() {
    return raw.getAttributes();
  }

  @Override
  public String getAuthority() {
    return raw.getAuthority();
  }

  @Override
  public SecurityLevel getSecurityLevel() {
    return raw.getSecurityLevel();
  }

  @Override
  public MethodDescriptor<Q, A> getMethodDescriptor() {
    return method;
  }
}
