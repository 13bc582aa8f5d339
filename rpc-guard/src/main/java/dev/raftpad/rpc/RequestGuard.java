package dev.raftpad.rpc;

import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;

/**
 * Puts a service behind a guard that parses the request messages itself. gRPC would parse them
 * inside the transport and turn a failure into UNKNOWN ("Application error processing RPC") plus a
 * SEVERE stack trace per message; behind the guard every method receives the raw bytes, and {@link
 * GuardedCallHandler} answers what cannot be parsed — and any other breach of the call's shape —
 * with INVALID_ARGUMENT and a rate-limited one-line warning.
 */
public final class RequestGuard {
  private final InputWarnings warnings;

  public RequestGuard(InputWarnings warnings) {
    this.warnings = warnings;
  }

  /** The same service, with every method guarded; its schema (for reflection) is kept. */
  public ServerServiceDefinition guard(ServerServiceDefinition service) {
    ServiceDescriptor original = service.getServiceDescriptor();
    ServiceDescriptor.Builder descriptor =
        ServiceDescriptor.newBuilder(original.getName())
            .setSchemaDescriptor(original.getSchemaDescriptor());
    var methods = service.getMethods().stream().map(this::guarded).toList();
    methods.forEach(method -> descriptor.addMethod(method.getMethodDescriptor()));
    ServerServiceDefinition.Builder guarded = ServerServiceDefinition.builder(descriptor.build());
    methods.forEach(guarded::addMethod);
    return guarded.build();
  }

  private <Q, A> ServerMethodDefinition<byte[], A> guarded(ServerMethodDefinition<Q, A> method) {
    MethodDescriptor<Q, A> typed = method.getMethodDescriptor();
    // Registered as a bidirectional stream so that gRPC leaves the call's shape to the guard too:
    // for a unary method it would reset a stream with a second message (CANCELLED, no status).
    MethodDescriptor<byte[], A> raw =
        typed.toBuilder(RawBytes.INSTANCE, typed.getResponseMarshaller())
            .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
            .build();
    return ServerMethodDefinition.create(
        raw, new GuardedCallHandler<>(typed, method.getServerCallHandler(), warnings));
  }
}
