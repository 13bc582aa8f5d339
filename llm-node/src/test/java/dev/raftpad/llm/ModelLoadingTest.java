package dev.raftpad.llm;

import static dev.raftpad.llm.LlmServiceTasksTest.errorInfo;
import static dev.raftpad.llm.TestNode.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.ErrorInfo;
import dev.raftpad.llm.testmodel.TinyModel;
import dev.raftpad.proto.v1.FixGrammarRequest;
import dev.raftpad.proto.v1.LlmServiceGrpc;
import dev.raftpad.proto.v1.ModelInfo;
import dev.raftpad.proto.v1.SummarizeRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nodes with no model, a missing one, corrupt ones, and a good one loading. */
class ModelLoadingTest {
  @TempDir Path dir;

  @Test
  void healthIsNotServingBeforeTheModelLoadsAndServingAfter() throws Exception {
    try (TestNode node = TestNode.unloaded(TinyModel.write(dir), 256, 1, 0)) {
      assertThat(node.health("")).isEqualTo(ServingStatus.NOT_SERVING);
      assertThat(node.health(LlmServiceGrpc.SERVICE_NAME)).isEqualTo(ServingStatus.NOT_SERVING);
      assertThat(node.info().getReady()).isFalse();
      assertThat(node.info().getNotReadyReason()).startsWith("loading model");
      assertFailedPrecondition(node);

      assertThat(node.node.loadModel()).isInstanceOf(ModelState.Ready.class);

      assertThat(node.health("")).isEqualTo(ServingStatus.SERVING);
      assertThat(node.health(LlmServiceGrpc.SERVICE_NAME)).isEqualTo(ServingStatus.SERVING);
      assertThat(node.info().getReady()).isTrue();
    }
  }

  @Test
  void withoutAModelTheNodeServesNotReadyAndSaysHowToInstallOne() throws Exception {
    try (TestNode node = TestNode.unloaded(null, 256, 1, 0)) {
      node.node.loadModel();

      ModelInfo info = node.info();
      assertThat(info.getReady()).isFalse();
      assertThat(info.getNotReadyReason()).startsWith("no model configured").contains("curl");
      assertThat(node.health("")).isEqualTo(ServingStatus.NOT_SERVING);
      assertFailedPrecondition(node);
    }
  }

  @Test
  void aMissingModelFileMeansNotReady() throws Exception {
    try (TestNode node = TestNode.unloaded(dir.resolve("missing.gguf"), 256, 1, 0)) {
      node.node.loadModel();

      assertThat(node.info().getNotReadyReason()).contains("does not exist").contains("curl");
      assertFailedPrecondition(node);
    }
  }

  @Test
  void aFileThatIsNotAModelIsAClearErrorNotACrash() throws Exception {
    Path notAModel = Files.writeString(dir.resolve("notes.gguf"), "hello, not a model");
    try (TestNode node = TestNode.unloaded(notAModel, 256, 1, 0)) {
      node.node.loadModel();

      assertThat(node.info().getNotReadyReason())
          .contains("not a usable GGUF model")
          .contains("not a GGUF file");
      assertFailedPrecondition(node);
    }
  }

  @Test
  void aTruncatedModelIsAClearErrorNotACrash() throws Exception {
    byte[] model = Files.readAllBytes(TinyModel.write(dir));
    Path truncated =
        Files.write(dir.resolve("truncated.gguf"), Arrays.copyOf(model, model.length / 2));
    try (TestNode node = TestNode.unloaded(truncated, 256, 1, 0)) {
      node.node.loadModel();

      assertThat(node.info().getNotReadyReason()).contains("truncated");
      assertFailedPrecondition(node);
    }
  }

  @Test
  void aModelWithAMissingTensorIsAClearErrorNotACrash() throws Exception {
    Path incomplete = TinyModel.writeWithout(dir, "blk.1.ffn_down.weight");
    try (TestNode node = TestNode.unloaded(incomplete, 256, 1, 0)) {
      node.node.loadModel();

      assertThat(node.info().getNotReadyReason())
          .contains("tensors missing: blk.1.ffn_down.weight");
      assertFailedPrecondition(node);
    }
  }

  @Test
  void aModelLlamaCppRefusesIsAClearErrorNotACrash() throws Exception {
    Path misshapen = TinyModel.writeMisshapen(dir, "blk.0.ffn_gate.weight");
    try (TestNode node = TestNode.unloaded(misshapen, 256, 1, 0)) {
      assertThat(node.node.loadModel()).isInstanceOf(ModelState.NotReady.class);

      assertThat(node.info().getNotReadyReason())
          .contains("llama.cpp could not load model file")
          .contains("misshapen.gguf");
      assertThat(node.health("")).isEqualTo(ServingStatus.NOT_SERVING);
      assertFailedPrecondition(node);
    }
  }

  private static void assertFailedPrecondition(TestNode node) {
    for (Runnable call :
        new Runnable[] {
          () ->
              drain(node.blocking().summarize(SummarizeRequest.newBuilder().setText("hi").build())),
          () ->
              drain(
                  node.blocking().fixGrammar(FixGrammarRequest.newBuilder().setText("hi").build()))
        }) {
      StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, call::run);
      assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      ErrorInfo info = errorInfo(error);
      assertThat(info.getDomain()).isEqualTo("raftpad.dev");
      assertThat(info.getReason()).isEqualTo("MODEL_NOT_LOADED");
      assertThat(info.getMetadataMap()).containsKey("how_to_install");
    }
  }
}
