package dev.raftpad.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.ErrorInfo;
import dev.raftpad.proto.v1.LlmServiceGrpc;
import dev.raftpad.proto.v1.ModelInfoRequest;
import dev.raftpad.proto.v1.SummarizeRequest;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An LLM node without a model, over real gRPC on loopback. */
class LlmGrpcServiceTest {
  @TempDir Path dir;

  @Test
  void withoutAModelCallsFailWithFailedPreconditionSayingHowToInstallOne() throws Exception {
    ModelState state = LlmNodeMain.initialState(dir.resolve("missing.gguf"));
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .addService(new LlmGrpcService(state))
            .build()
            .start();
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    try {
      var stub = LlmServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);

      var info = stub.getModelInfo(ModelInfoRequest.getDefaultInstance());
      assertThat(info.getReady()).isFalse();
      assertThat(info.getNotReadyReason()).contains("does not exist").contains("model fetch");

      StatusRuntimeException error =
          catchThrowableOfType(
              StatusRuntimeException.class,
              () -> stub.summarize(SummarizeRequest.newBuilder().setText("hello").build()).next());
      assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      ErrorInfo detail = StatusProto.fromThrowable(error).getDetails(0).unpack(ErrorInfo.class);
      assertThat(detail.getReason()).isEqualTo("MODEL_NOT_LOADED");
      assertThat(detail.getMetadataMap()).containsKey("how_to_install");
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void noModelOptionMeansNotReady() {
    assertThat(LlmNodeMain.initialState(null))
        .isInstanceOfSatisfying(
            ModelState.NotReady.class,
            s -> assertThat(s.reason()).startsWith("no model configured"));
  }
}
