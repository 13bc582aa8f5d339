package dev.raftpad.rpc.requestid;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Takes each call's request id from its {@link RequestIds#HEADER} (a fresh one when it is missing
 * or unacceptable), puts it in the call's gRPC context for forwarding, and runs every callback of
 * the call with it — and the process's own fields, such as the node id — in the logging MDC.
 */
public final class RequestIdServerInterceptor implements ServerInterceptor {
  private final Map<String, String> fields;

  /**
   * @param fields MDC entries every call's lines carry besides the request id (e.g. {@code nodeId})
   */
  public RequestIdServerInterceptor(Map<String, String> fields) {
    this.fields = Map.copyOf(fields);
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String id = RequestIds.orNew(headers.get(RequestIds.HEADER));
    Map<String, String> callFields = new HashMap<>(fields);
    callFields.put(RequestIds.MDC_KEY, id);
    Context context = Context.current().withValue(RequestIds.CONTEXT, id);
    ServerCall.Listener<Q> listener =
        withMdc(callFields, () -> Contexts.interceptCall(context, call, headers, next));
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onMessage(Q message) {
        withMdc(callFields, () -> super.onMessage(message));
      }

      @Override
      public void onHalfClose() {
        withMdc(callFields, super::onHalfClose);
      }

      @Override
      public void onCancel() {
        withMdc(callFields, super::onCancel);
      }

      @Override
      public void onComplete() {
        withMdc(callFields, super::onComplete);
      }

      @Override
      public void onReady() {
        withMdc(callFields, super::onReady);
      }
    };
  }

  private static void withMdc(Map<String, String> callFields, Runnable work) {
    withMdc(
        callFields,
        () -> {
          work.run();
          return null;
        });
  }

  // The transport threads serve many calls, so the entries are restored afterwards rather than
  // left behind for the next call's lines.
  private static <T> T withMdc(
      Map<String, String> callFields, java.util.function.Supplier<T> work) {
    Map<String, String> before = MDC.getCopyOfContextMap();
    callFields.forEach(MDC::put);
    try {
      return work.get();
    } finally {
      if (before == null) {
        MDC.clear();
      } else {
        MDC.setContextMap(before);
      }
    }
  }
}
