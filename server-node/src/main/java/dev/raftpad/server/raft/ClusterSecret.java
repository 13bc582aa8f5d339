package dev.raftpad.server.raft;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The shared secret every peer call carries, so no outsider can vote, append or install a snapshot.
 * Checked in constant time.
 */
public final class ClusterSecret {
  static final Metadata.Key<String> HEADER =
      Metadata.Key.of("x-raftpad-cluster-secret", Metadata.ASCII_STRING_MARSHALLER);

  private final byte[] secret;

  public ClusterSecret(String secret) {
    if (secret == null || secret.length() < 16) {
      throw new IllegalArgumentException("the cluster secret must be at least 16 characters");
    }
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  boolean matches(String presented) {
    return presented != null
        && MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
  }

  /** Refuses peer calls without the right secret with UNAUTHENTICATED. */
  public ServerInterceptor serverInterceptor() {
    return new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        if (!matches(headers.get(HEADER))) {
          call.close(
              Status.UNAUTHENTICATED.withDescription("peer call without the cluster secret"),
              new Metadata());
          return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
      }
    };
  }

  /** Adds the secret to every outgoing peer call. */
  public ClientInterceptor clientInterceptor() {
    String value = new String(secret, StandardCharsets.UTF_8);
    return new ClientInterceptor() {
      @Override
      public <Q, A> ClientCall<Q, A> interceptCall(
          MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(
            next.newCall(method, options)) {
          @Override
          public void start(Listener<A> listener, Metadata headers) {
            headers.put(HEADER, value);
            super.start(listener, headers);
          }
        };
      }
    };
  }
}
