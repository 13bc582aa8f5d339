package dev.raftpad.rpc.requestid;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/**
 * Gives every call a {@link RequestIds#HEADER}: the id the caller chose when there is one (the
 * CLI's {@code --request-id}), otherwise a fresh one per call.
 */
public final class RequestIdClientInterceptor implements ClientInterceptor {
  private final String fixed;

  /**
   * @param fixed the id of every call, or null for a fresh id per call
   * @throws IllegalArgumentException when {@code fixed} is not {@link RequestIds#acceptable}
   */
  public RequestIdClientInterceptor(String fixed) {
    if (fixed != null && !RequestIds.acceptable(fixed)) {
      throw new IllegalArgumentException(RequestIds.RULE + ": " + fixed);
    }
    this.fixed = fixed;
  }

  @Override
  public <Q, A> ClientCall<Q, A> interceptCall(
      MethodDescriptor<Q, A> method, CallOptions callOptions, Channel next) {
    return new ForwardingClientCall.SimpleForwardingClientCall<>(
        next.newCall(method, callOptions)) {
      @Override
      public void start(Listener<A> listener, Metadata headers) {
        if (!headers.containsKey(RequestIds.HEADER)) {
          headers.put(RequestIds.HEADER, fixed != null ? fixed : RequestIds.newId());
        }
        super.start(listener, headers);
      }
    };
  }
}
