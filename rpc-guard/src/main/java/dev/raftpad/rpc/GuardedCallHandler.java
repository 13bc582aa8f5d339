package dev.raftpad.rpc;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a guarded call: parses each request message and hands it to the service, or refuses the
 * call with INVALID_ARGUMENT (MALFORMED_REQUEST) when the bytes do not parse or the call breaks its
 * method's shape (a unary request stream with no message, or more than one) — the cases gRPC's own
 * handlers would answer with UNKNOWN or INTERNAL. A service that throws is answered INTERNAL with
 * one warning line; the stack trace goes to the debug log only.
 */
final class GuardedCallHandler<Q, A> implements ServerCallHandler<byte[], A> {
  private static final Logger log = LoggerFactory.getLogger(GuardedCallHandler.class);

  private final MethodDescriptor<Q, A> method;
  private final ServerCallHandler<Q, A> service;
  private final InputWarnings warnings;

  GuardedCallHandler(
      MethodDescriptor<Q, A> method, ServerCallHandler<Q, A> service, InputWarnings warnings) {
    this.method = method;
    this.service = service;
    this.warnings = warnings;
  }

  @Override
  public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], A> raw, Metadata headers) {
    GuardedCall<Q, A> call = new GuardedCall<>(raw, method);
    try {
      return new Parsing(call, service.startCall(call, headers));
    } catch (RuntimeException e) {
      failed(call, e);
      return new ServerCall.Listener<>() {};
    }
  }

  /** Parses what arrives and passes it on while the call is open. */
  private final class Parsing extends ServerCall.Listener<byte[]> {
    private final GuardedCall<Q, A> call;
    private final ServerCall.Listener<Q> next;
    private int received;

    Parsing(GuardedCall<Q, A> call, ServerCall.Listener<Q> next) {
      this.call = call;
      this.next = next;
    }

    @Override
    public void onMessage(byte[] bytes) {
      if (call.isClosed()) {
        return;
      }
      if (method.getType().clientSendsOneMessage() && received > 0) {
        refuse("more than one request message for a call that takes one");
        return;
      }
      Q message;
      try {
        message = method.parseRequest(new ByteArrayInputStream(bytes));
      } catch (RuntimeException e) {
        refuse("the request is not a valid " + requestType() + " message: " + reason(e));
        return;
      }
      received++;
      forward(() -> next.onMessage(message));
    }

    @Override
    public void onHalfClose() {
      if (call.isClosed()) {
        return;
      }
      if (method.getType().clientSendsOneMessage() && received == 0) {
        refuse("the call ended without its request message");
        return;
      }
      forward(next::onHalfClose);
    }

    @Override
    public void onReady() {
      if (!call.isClosed()) {
        forward(next::onReady);
      }
    }

    @Override
    public void onCancel() {
      forward(next::onCancel);
    }

    @Override
    public void onComplete() {
      forward(next::onComplete);
    }

    private void refuse(String why) {
      StatusRuntimeException refusal = MalformedRequests.status(why);
      if (call.closeIfOpen(
          refusal.getStatus(),
          refusal.getTrailers() == null ? new Metadata() : refusal.getTrailers())) {
        warnings.warn("refused a malformed " + method.getFullMethodName() + " call: " + why);
      }
    }

    private void forward(Runnable step) {
      try {
        step.run();
      } catch (RuntimeException e) {
        failed(call, e);
      }
    }
  }

  private void failed(GuardedCall<Q, A> call, RuntimeException e) {
    if (e instanceof StatusRuntimeException answer) {
      // A service that throws its answer instead of passing it to the observer: still an answer.
      call.closeIfOpen(
          answer.getStatus(), answer.getTrailers() == null ? new Metadata() : answer.getTrailers());
      return;
    }
    if (call.closeIfOpen(Status.INTERNAL.withDescription("internal error"), new Metadata())) {
      warnings.warn(
          method.getFullMethodName() + " failed with " + e + " (stack trace in the debug log)");
      log.debug("{} failed", method.getFullMethodName(), e);
    }
  }

  private String requestType() {
    String name = method.getFullMethodName();
    return name.substring(name.lastIndexOf('/') + 1) + " request";
  }

  /** The parser's own words (protobuf's), without gRPC's wrapping status. */
  private static String reason(RuntimeException e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    return String.valueOf(cause.getMessage());
  }
}
