package dev.raftpad.server.testing;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.raftpad.proto.v1.CollabProto;
import dev.raftpad.proto.v1.RaftProto;
import dev.raftpad.rpc.RawBytes;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * gRPC calls made of raw bytes, as a hostile or broken client would send them: any method, any
 * number of request messages, any bytes. The answer is the call's final status and trailers.
 */
public final class RawCalls {
  private RawCalls() {}

  /** How a raw call ended. */
  public record Outcome(Status status, Metadata trailers, int responses) {}

  /** Every public method of a server node: the client API and the peer API. */
  public static List<MethodDescriptor> publicMethods() {
    return Stream.concat(
            CollabProto.getDescriptor().getServices().stream(),
            RaftProto.getDescriptor().getServices().stream())
        .map(ServiceDescriptor::getMethods)
        .flatMap(List::stream)
        .toList();
  }

  /** The gRPC name of a method: {@code package.Service/Method}. */
  public static String grpcName(MethodDescriptor method) {
    return method.getService().getFullName() + "/" + method.getName();
  }

  /**
   * Sends {@code messages} (each as is, not checked) on a call to {@code fullMethodName}, half
   * closes, reads up to a few responses and returns how the call ended; a call still open after
   * {@code wait} is cancelled and reported as its status at that point (CANCELLED).
   */
  public static Outcome call(
      Channel channel,
      String fullMethodName,
      Metadata headers,
      List<byte[]> messages,
      Duration wait) {
    io.grpc.MethodDescriptor<byte[], byte[]> method =
        io.grpc.MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
            .setFullMethodName(fullMethodName)
            .setRequestMarshaller(RawBytes.INSTANCE)
            .setResponseMarshaller(RawBytes.INSTANCE)
            .build();
    ClientCall<byte[], byte[]> call =
        channel.newCall(
            method, CallOptions.DEFAULT.withDeadlineAfter(wait.toMillis(), TimeUnit.MILLISECONDS));
    CompletableFuture<Outcome> end = new CompletableFuture<>();
    int[] responses = {0};
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onMessage(byte[] message) {
            responses[0]++;
            call.request(1);
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            end.complete(new Outcome(status, trailers, responses[0]));
          }
        },
        headers);
    call.request(1);
    messages.forEach(call::sendMessage);
    call.halfClose();
    return end.join();
  }
}
