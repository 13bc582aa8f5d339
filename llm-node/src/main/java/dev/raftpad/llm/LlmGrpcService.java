package dev.raftpad.llm;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import dev.raftpad.proto.v1.AskRequest;
import dev.raftpad.proto.v1.FixGrammarRequest;
import dev.raftpad.proto.v1.GenerationEvent;
import dev.raftpad.proto.v1.LlmServiceGrpc;
import dev.raftpad.proto.v1.ModelInfo;
import dev.raftpad.proto.v1.ModelInfoRequest;
import dev.raftpad.proto.v1.SummarizeRequest;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;

/** The LlmService over gRPC: a thin layer that turns the model's state into answers. */
public final class LlmGrpcService extends LlmServiceGrpc.LlmServiceImplBase {
  private final ModelState state;

  public LlmGrpcService(ModelState state) {
    this.state = state;
  }

  @Override
  public void getModelInfo(ModelInfoRequest request, StreamObserver<ModelInfo> response) {
    ModelInfo.Builder info = ModelInfo.newBuilder();
    switch (state) {
      case ModelState.NotReady notReady ->
          info.setReady(false).setNotReadyReason(notReady.reason());
    }
    response.onNext(info.build());
    response.onCompleted();
  }

  @Override
  public void summarize(SummarizeRequest request, StreamObserver<GenerationEvent> response) {
    refuseWithoutModel(response);
  }

  @Override
  public void fixGrammar(FixGrammarRequest request, StreamObserver<GenerationEvent> response) {
    refuseWithoutModel(response);
  }

  @Override
  public void ask(AskRequest request, StreamObserver<GenerationEvent> response) {
    refuseWithoutModel(response);
  }

  private void refuseWithoutModel(StreamObserver<GenerationEvent> response) {
    switch (state) {
      case ModelState.NotReady notReady ->
          response.onError(
              StatusProto.toStatusRuntimeException(
                  com.google.rpc.Status.newBuilder()
                      .setCode(Code.FAILED_PRECONDITION_VALUE)
                      .setMessage("no model loaded: " + notReady.reason())
                      .addDetails(
                          Any.pack(
                              ErrorInfo.newBuilder()
                                  .setDomain("raftpad.dev")
                                  .setReason("MODEL_NOT_LOADED")
                                  .putMetadata("how_to_install", ModelState.HOW_TO_INSTALL)
                                  .build()))
                      .build()));
    }
  }
}
