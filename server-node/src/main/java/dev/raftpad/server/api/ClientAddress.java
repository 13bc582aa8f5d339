package dev.raftpad.server.api;

import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Puts the calling client's host (the transport's remote address without its port) into the call's
 * context, for the services that judge callers by where they come from (the sign-in throttle). The
 * port is dropped because every new connection of one client gets a new one.
 */
public final class ClientAddress implements ServerInterceptor {
  private static final Context.Key<String> HOST = Context.key("raftpad-client-host");

  /** {@code service} with this interceptor in front. */
  public static BindableService around(BindableService service) {
    ServerServiceDefinition definition = ServerInterceptors.intercept(service, new ClientAddress());
    return () -> definition;
  }

  /** The current call's client host, or "unknown" outside an intercepted call. */
  static String current() {
    String host = HOST.get();
    return host == null ? "unknown" : host;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String host = host(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
    return Contexts.interceptCall(Context.current().withValue(HOST, host), call, headers, next);
  }

  static String host(SocketAddress address) {
    return switch (address) {
      case null -> "unknown";
      case InetSocketAddress inet when inet.getAddress() != null ->
          inet.getAddress().getHostAddress();
      case InetSocketAddress inet -> inet.getHostString();
      default -> address.toString();
    };
  }
}
