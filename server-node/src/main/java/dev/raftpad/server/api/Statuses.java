package dev.raftpad.server.api;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import dev.raftpad.codec.InvalidInputException;
import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.NotLeader;
import dev.raftpad.raft.runtime.RaftException;
import dev.raftpad.server.state.CommandResult;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The one place where outcomes become gRPC statuses: a status code, a message for people, and a
 * {@code google.rpc.ErrorInfo} (plus {@code NotLeader}) for programs. Nothing else in the server
 * chooses status codes, and no stack trace ever reaches a client.
 */
public final class Statuses {
  static final String DOMAIN = dev.raftpad.rpc.MalformedRequests.DOMAIN;

  /**
   * Longest message and metadata value, in code points. They may quote what a client sent (an id, a
   * name), and the whole status travels in the trailers, which HTTP/2 peers cap at 8 KiB: an answer
   * longer than that would reach the client as a transport error instead of the refusal.
   */
  private static final int MAX_MESSAGE = 500;

  private static final int MAX_METADATA_VALUE = 200;

  private Statuses() {}

  /** The status for a refusal by the state machine. */
  public static StatusRuntimeException refused(CommandResult.Refused<?> refused) {
    return error(codeOf(refused.reason()), refused.reason(), refused.message(), refused.metadata());
  }

  /** The status for a bad request field. */
  public static StatusRuntimeException invalid(InvalidInputException e) {
    return error(
        Code.INVALID_ARGUMENT,
        ErrorReason.ERROR_REASON_INVALID_FIELD,
        e.getMessage(),
        Map.of("field", e.field()));
  }

  /** RESOURCE_EXHAUSTED with a RetryInfo: the session sent more requests than it may. */
  public static StatusRuntimeException rateLimited() {
    return StatusProto.toStatusRuntimeException(
        com.google.rpc.Status.newBuilder()
            .setCode(Code.RESOURCE_EXHAUSTED_VALUE)
            .setMessage("too many requests from this session; slow down")
            .addDetails(Any.pack(info(ErrorReason.ERROR_REASON_RATE_LIMITED, Map.of())))
            .addDetails(
                Any.pack(
                    com.google.rpc.RetryInfo.newBuilder()
                        .setRetryDelay(
                            com.google.protobuf.Duration.newBuilder().setNanos(100_000_000))
                        .build()))
            .build());
  }

  /**
   * RESOURCE_EXHAUSTED (LOGIN_THROTTLED) with a RetryInfo: too many failed sign-ins for the account
   * or from the address ({@code scope}); the password was not checked.
   */
  public static StatusRuntimeException loginThrottled(
      LoginThrottle.Scope scope, java.time.Duration retryAfter) {
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000); // never "try again in 0 s"
    return StatusProto.toStatusRuntimeException(
        com.google.rpc.Status.newBuilder()
            .setCode(Code.RESOURCE_EXHAUSTED_VALUE)
            .setMessage("too many failed sign-ins; try again in " + seconds + " s")
            .addDetails(
                Any.pack(
                    info(
                        ErrorReason.ERROR_REASON_LOGIN_THROTTLED,
                        Map.of("scope", scope.wireName()))))
            .addDetails(
                Any.pack(
                    com.google.rpc.RetryInfo.newBuilder()
                        .setRetryDelay(
                            com.google.protobuf.Duration.newBuilder()
                                .setSeconds(retryAfter.getSeconds())
                                .setNanos(retryAfter.getNano()))
                        .build()))
            .build());
  }

  /** RESOURCE_EXHAUSTED (TOO_MANY_STREAMS): the user has {@code limit} streams open here. */
  public static StatusRuntimeException tooManyStreams(int limit) {
    return error(
        Code.RESOURCE_EXHAUSTED,
        ErrorReason.ERROR_REASON_TOO_MANY_STREAMS,
        "you have " + limit + " event streams open at this node, the most one user may; close one",
        Map.of("limit", String.valueOf(limit)));
  }

  public static StatusRuntimeException unauthenticated(String message) {
    return error(Code.UNAUTHENTICATED, ErrorReason.ERROR_REASON_UNAUTHENTICATED, message, Map.of());
  }

  /** UNAVAILABLE (LLM_UNAVAILABLE): AI features need an LLM node and none can be reached. */
  public static StatusRuntimeException llmUnavailable(String message) {
    return error(Code.UNAVAILABLE, ErrorReason.ERROR_REASON_LLM_UNAVAILABLE, message, Map.of());
  }

  /**
   * The status for a failed call to the LLM node. The LLM node's own refusals (no model loaded,
   * queue full, input too large) already carry a Raftpad ErrorInfo and pass through unchanged; a
   * node that cannot be reached becomes LLM_UNAVAILABLE; a missed deadline stays DEADLINE_EXCEEDED.
   */
  public static StatusRuntimeException fromLlm(Throwable failure, String llmAddress) {
    io.grpc.Status status = io.grpc.Status.fromThrowable(failure);
    com.google.rpc.Status detailed = StatusProto.fromThrowable(failure);
    boolean explained =
        detailed != null
            && detailed.getDetailsList().stream().anyMatch(any -> any.is(ErrorInfo.class));
    return switch (status.getCode()) {
      case UNAVAILABLE ->
          llmUnavailable(
              "the LLM node at " + llmAddress + " cannot be reached; AI features are unavailable");
      case DEADLINE_EXCEEDED ->
          io.grpc.Status.DEADLINE_EXCEEDED
              .withDescription("the LLM node did not finish in time")
              .asRuntimeException();
      case CANCELLED -> io.grpc.Status.CANCELLED.withDescription("cancelled").asRuntimeException();
      default ->
          explained
              ? StatusProto.toStatusRuntimeException(detailed)
              : io.grpc.Status.INTERNAL
                  .withDescription("the LLM node failed: " + status.getDescription())
                  .asRuntimeException();
    };
  }

  /**
   * The status for anything a call failed with: refusals and bad input as above, Raft outcomes as
   * UNAVAILABLE (with a NotLeader detail when another node leads), the rest as INTERNAL without
   * details.
   */
  public static StatusRuntimeException of(
      Throwable failure, Function<String, NotLeader> notLeader) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    return switch (cause) {
      case StatusRuntimeException s -> s;
      case InvalidInputException e -> invalid(e);
      case RaftException e -> raft(e, notLeader);
      default -> io.grpc.Status.INTERNAL.withDescription("internal error").asRuntimeException();
    };
  }

  /** UNAVAILABLE (NOT_LEADER) with the redirect detail: retry at the leader it names. */
  public static StatusRuntimeException notLeader(NotLeader detail, String message) {
    return StatusProto.toStatusRuntimeException(
        com.google.rpc.Status.newBuilder()
            .setCode(Code.UNAVAILABLE_VALUE)
            .setMessage(clip(message, MAX_MESSAGE))
            .addDetails(Any.pack(info(ErrorReason.ERROR_REASON_NOT_LEADER, Map.of())))
            .addDetails(Any.pack(detail))
            .build());
  }

  private static StatusRuntimeException raft(
      RaftException e, Function<String, NotLeader> notLeader) {
    return switch (e.kind()) {
      case NOT_LEADER, TRANSFER_IN_PROGRESS, READ_FAILED -> {
        NotLeader detail = notLeader.apply(e.leaderHint());
        yield notLeader(
            detail,
            detail.getLeaderId().isEmpty()
                ? "no leader is known right now; retry shortly"
                : "this node is not the leader; the leader is " + detail.getLeaderId());
      }
      case CONFIG_CHANGE_IN_PROGRESS ->
          error(
              Code.FAILED_PRECONDITION,
              ErrorReason.ERROR_REASON_MEMBERSHIP_CHANGE_IN_PROGRESS,
              e.getMessage(),
              Map.of());
      case INVALID_CONFIG_CHANGE ->
          error(
              Code.FAILED_PRECONDITION,
              ErrorReason.ERROR_REASON_INVALID_FIELD,
              e.getMessage(),
              Map.of());
      case LOST, UNKNOWN_OUTCOME, STOPPED ->
          error(
              Code.UNAVAILABLE,
              ErrorReason.ERROR_REASON_NO_QUORUM,
              "the write did not complete (" + e.kind() + "); retry it — edits are idempotent",
              Map.of());
    };
  }

  private static Code codeOf(ErrorReason reason) {
    return switch (reason) {
      case ERROR_REASON_UNAUTHENTICATED, ERROR_REASON_BAD_CREDENTIALS -> Code.UNAUTHENTICATED;
      case ERROR_REASON_PERMISSION_DENIED,
          ERROR_REASON_REGISTRATION_CLOSED,
          ERROR_REASON_NOT_ALLOWED,
          ERROR_REASON_NOT_COMMENT_AUTHOR ->
          Code.PERMISSION_DENIED;
      case ERROR_REASON_USERNAME_TAKEN,
          ERROR_REASON_VERSION_NAME_TAKEN,
          ERROR_REASON_MEMBER_EXISTS ->
          Code.ALREADY_EXISTS;
      case ERROR_REASON_INVALID_FIELD, ERROR_REASON_TOO_LARGE, ERROR_REASON_MALFORMED_REQUEST ->
          Code.INVALID_ARGUMENT;
      case ERROR_REASON_DOCUMENT_NOT_FOUND,
          ERROR_REASON_UNKNOWN_NODE,
          ERROR_REASON_USER_NOT_FOUND,
          ERROR_REASON_COMMENT_NOT_FOUND,
          ERROR_REASON_SUGGESTION_NOT_FOUND,
          ERROR_REASON_IMAGE_NOT_FOUND ->
          Code.NOT_FOUND;
      case ERROR_REASON_REVISION_IN_FUTURE, ERROR_REASON_OPERATION_OUT_OF_RANGE ->
          Code.OUT_OF_RANGE;
      case ERROR_REASON_DOCUMENT_LOCKED,
          ERROR_REASON_REVISION_COMPACTED,
          ERROR_REASON_NOT_LOCK_HOLDER,
          ERROR_REASON_MEMBERSHIP_CHANGE_IN_PROGRESS,
          ERROR_REASON_UPGRADE_IN_PROGRESS,
          ERROR_REASON_WRONG_CLUSTER,
          ERROR_REASON_MODEL_NOT_LOADED ->
          Code.FAILED_PRECONDITION;
      case ERROR_REASON_NOT_LEADER, ERROR_REASON_NO_QUORUM, ERROR_REASON_LLM_UNAVAILABLE ->
          Code.UNAVAILABLE;
      case ERROR_REASON_RATE_LIMITED,
          ERROR_REASON_QUEUE_FULL,
          ERROR_REASON_LOGIN_THROTTLED,
          ERROR_REASON_TOO_MANY_STREAMS ->
          Code.RESOURCE_EXHAUSTED;
      case ERROR_REASON_UNSPECIFIED, UNRECOGNIZED -> Code.INTERNAL;
    };
  }

  private static StatusRuntimeException error(
      Code code, ErrorReason reason, String message, Map<String, String> metadata) {
    return StatusProto.toStatusRuntimeException(
        com.google.rpc.Status.newBuilder()
            .setCode(code.getNumber())
            .setMessage(clip(message, MAX_MESSAGE))
            .addDetails(Any.pack(info(reason, metadata)))
            .build());
  }

  private static ErrorInfo info(ErrorReason reason, Map<String, String> metadata) {
    return ErrorInfo.newBuilder()
        .setDomain(DOMAIN)
        .setReason(reason.name().substring("ERROR_REASON_".length()))
        .putAllMetadata(clipped(metadata))
        .build();
  }

  private static Map<String, String> clipped(Map<String, String> metadata) {
    Map<String, String> clipped = new java.util.TreeMap<>();
    metadata.forEach((key, value) -> clipped.put(key, clip(value, MAX_METADATA_VALUE)));
    return clipped;
  }

  private static String clip(String text, int max) {
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, max)) + "…";
  }
}
