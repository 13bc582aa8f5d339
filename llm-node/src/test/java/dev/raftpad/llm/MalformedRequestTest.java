package dev.raftpad.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.raftpad.rpc.RawBytes;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Bytes that are not a request message are INVALID_ARGUMENT at the LLM node too, never UNKNOWN. */
class MalformedRequestTest {
  private static final byte[] TAG_ZERO = {0x00};

  @Test
  void everyMethodRefusesBytesThatDoNotParse() throws Exception {
    try (TestNode node = TestNode.unloaded(null, 256, 1, 0)) {
      for (String method :
          List.of(
              "raftpad.v1.LlmService/GetModelInfo",
              "raftpad.v1.LlmService/Summarize",
              "raftpad.v1.LlmService/FixGrammar",
              "raftpad.v1.LlmService/Ask",
              "raftpad.v1.LlmService/ImproveWriting",
              "grpc.health.v1.Health/Check")) {
        StatusRuntimeException refusal =
            catchThrowableOfType(
                StatusRuntimeException.class,
                () ->
                    ClientCalls.blockingUnaryCall(
                        node.channel,
                        raw(method),
                        CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
                        TAG_ZERO));

        assertThat(refusal.getStatus().getCode())
            .as(method)
            .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(refusal.getStatus().getDescription()).as(method).contains("not a valid");
      }
    }
  }

  private static MethodDescriptor<byte[], byte[]> raw(String fullMethodName) {
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(fullMethodName)
        .setRequestMarshaller(RawBytes.INSTANCE)
        .setResponseMarshaller(RawBytes.INSTANCE)
        .build();
  }
}
