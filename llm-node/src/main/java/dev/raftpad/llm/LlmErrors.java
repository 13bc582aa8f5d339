package dev.raftpad.llm;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import dev.raftpad.llm.task.InputTooLargeException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Map;

/**
 * The one place where the LLM node's outcomes become gRPC statuses: a code, a message for people,
 * and a google.rpc.ErrorInfo (domain {@code raftpad.dev}, reason an ErrorReason name) for programs.
 * Never a stack trace.
 */
final class LlmErrors {
  static final String DOMAIN = "raftpad.dev";

  private LlmErrors() {}

  /** No model: FAILED_PRECONDITION, MODEL_NOT_LOADED, with how to install one. */
  static StatusRuntimeException modelNotLoaded(String reason) {
    return error(
        Code.FAILED_PRECONDITION,
        "no model loaded: " + reason,
        "MODEL_NOT_LOADED",
        Map.of("how_to_install", ModelState.HOW_TO_INSTALL),
        null);
  }

  /** Every slot busy and the queue full: RESOURCE_EXHAUSTED, QUEUE_FULL, retry shortly. */
  static StatusRuntimeException queueFull(int slots, int queueCapacity) {
    return error(
        Code.RESOURCE_EXHAUSTED,
        "the LLM node is busy: all "
            + slots
            + " slots are generating and "
            + queueCapacity
            + " requests are waiting; try again shortly",
        "QUEUE_FULL",
        Map.of("slots", String.valueOf(slots), "queue_capacity", String.valueOf(queueCapacity)),
        RetryInfo.newBuilder().setRetryDelay(Duration.newBuilder().setSeconds(1)).build());
  }

  /** A malformed field: INVALID_ARGUMENT, INVALID_FIELD. */
  static StatusRuntimeException invalidField(String field, String problem) {
    return error(
        Code.INVALID_ARGUMENT,
        field + " " + problem,
        "INVALID_FIELD",
        Map.of("field", field),
        null);
  }

  /** An input that does not fit: INVALID_ARGUMENT, TOO_LARGE. */
  static StatusRuntimeException tooLarge(InputTooLargeException e) {
    return error(
        Code.INVALID_ARGUMENT,
        e.getMessage(),
        "TOO_LARGE",
        Map.of(
            "field", e.field(),
            "limit", String.valueOf(e.limit()),
            "actual", String.valueOf(e.actual()),
            "unit", e.unit()),
        null);
  }

  /** llama.cpp failed: INTERNAL, details in the node's log only. */
  static StatusRuntimeException generationFailed() {
    return io.grpc.Status.INTERNAL
        .withDescription("the model failed to generate; the LLM node's log has the details")
        .asRuntimeException();
  }

  private static StatusRuntimeException error(
      Code code, String message, String reason, Map<String, String> metadata, RetryInfo retry) {
    com.google.rpc.Status.Builder status =
        com.google.rpc.Status.newBuilder()
            .setCode(code.getNumber())
            .setMessage(message)
            .addDetails(
                Any.pack(
                    ErrorInfo.newBuilder()
                        .setDomain(DOMAIN)
                        .setReason(reason)
                        .putAllMetadata(metadata)
                        .build()));
    if (retry != null) {
      status.addDetails(Any.pack(retry));
    }
    return StatusProto.toStatusRuntimeException(status.build());
  }
}
