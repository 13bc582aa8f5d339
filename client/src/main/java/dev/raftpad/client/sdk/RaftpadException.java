package dev.raftpad.client.sdk;

import dev.raftpad.client.sdk.internal.ErrorMapper;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Every failure the SDK reports. Callers switch on {@link #reason()}, never on gRPC codes or
 * message text: the reason comes from the server's {@code google.rpc.ErrorInfo} when there is one,
 * and from the transport otherwise. Mapped in one place ({@code internal.ErrorMapper}).
 */
public final class RaftpadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a call failed. */
  public enum Reason {
    // Server reasons: the names of raftpad.v1.ErrorReason without the ERROR_REASON_ prefix.
    UNAUTHENTICATED,
    BAD_CREDENTIALS,
    PERMISSION_DENIED,
    REGISTRATION_CLOSED,
    USERNAME_TAKEN,
    /**
     * The caller's role on the document does not allow the call: metadata {@code required_role} and
     * {@code your_role} (NONE when the document is not shared with the caller).
     */
    NOT_ALLOWED,
    /** No account by that name (sharing with a user who does not exist). */
    USER_NOT_FOUND,
    INVALID_FIELD,
    TOO_LARGE,
    MALFORMED_REQUEST,
    DOCUMENT_NOT_FOUND,
    DOCUMENT_LOCKED,
    OPERATION_OUT_OF_RANGE,
    REVISION_IN_FUTURE,
    REVISION_COMPACTED,
    NOT_LOCK_HOLDER,
    VERSION_NAME_TAKEN,
    /** No such comment thread or comment (metadata {@code thread_id}, maybe {@code comment_id}). */
    COMMENT_NOT_FOUND,
    /** No text carries the suggestion any more: already accepted or rejected. */
    SUGGESTION_NOT_FOUND,
    /** Only a comment's author edits it; only its author or the document's owner deletes it. */
    NOT_COMMENT_AUTHOR,
    NOT_LEADER,
    NO_QUORUM,
    MEMBERSHIP_CHANGE_IN_PROGRESS,
    UNKNOWN_NODE,
    WRONG_CLUSTER,
    MEMBER_EXISTS,
    RATE_LIMITED,
    QUEUE_FULL,
    MODEL_NOT_LOADED,
    LLM_UNAVAILABLE,
    /**
     * Too many failed sign-ins for the account or from this address; {@link #retryAfter()} says how
     * long to wait, metadata {@code scope} which ("account" or "address"). Not {@link
     * #isTransient() transient}: the wait is for a person to sit out, never for a retry loop.
     */
    LOGIN_THROTTLED,
    /** The user has as many event streams open at that node as one may (metadata "limit"). */
    TOO_MANY_STREAMS,
    /** The document's image store holds no such image (metadata "image_id"). */
    IMAGE_NOT_FOUND,
    /**
     * A member runs an older version that cannot store what was asked (images) or has not been
     * heard from since it started: transient, it passes once every node runs the new version.
     */
    UPGRADE_IN_PROGRESS,
    // Client-side reasons, when the server gave none.
    /** No member could be reached (or it went away mid-call) before the call's deadline. */
    UNAVAILABLE,
    /** The call's deadline passed. */
    DEADLINE_EXCEEDED,
    /** The server does not implement this call yet. */
    UNIMPLEMENTED,
    /** The call was cancelled (the client closed, or the calling thread was interrupted). */
    CANCELLED,
    /** Anything else: a server bug or an unexpected answer; the message says more. */
    INTERNAL;

    /**
     * Whether trying again later may succeed without changing the request: the cluster was busy,
     * electing a leader or unreachable.
     */
    public boolean isTransient() {
      return switch (this) {
        case NOT_LEADER,
            NO_QUORUM,
            RATE_LIMITED,
            QUEUE_FULL,
            LLM_UNAVAILABLE,
            UNAVAILABLE,
            DEADLINE_EXCEEDED,
            MEMBERSHIP_CHANGE_IN_PROGRESS,
            UPGRADE_IN_PROGRESS ->
            true;
        default -> false;
      };
    }
  }

  private final Reason reason;
  private final String description;
  private final Map<String, String> metadata;
  private final Duration retryAfter;

  public RaftpadException(
      Reason reason, String message, Map<String, String> metadata, Duration retryAfter) {
    super(reason + ": " + message);
    this.reason = reason;
    this.description = message;
    this.metadata = Map.copyOf(metadata);
    this.retryAfter = retryAfter;
  }

  public RaftpadException(Reason reason, String message) {
    this(reason, message, Map.of(), null);
  }

  public Reason reason() {
    return reason;
  }

  /**
   * What happened, in the server's (or the transport's) words, without the reason that {@link
   * #getMessage()} starts with: for showing people next to a reason they already see.
   */
  public String description() {
    return description;
  }

  /**
   * The ErrorInfo metadata: e.g. {@code field} for INVALID_FIELD, {@code holder} and {@code
   * expires_at} for DOCUMENT_LOCKED, {@code limit} and {@code actual} for TOO_LARGE, {@code
   * leader_id} for NOT_LEADER (empty while an election runs).
   */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * How long the server asked the client to wait before retrying (RATE_LIMITED, LOGIN_THROTTLED),
   * if it did.
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * The exception for a gRPC call made outside {@link RaftpadClient} — tools that must talk to one
   * given server, such as the cluster probe — by the same mapping the SDK's own calls use.
   */
  public static RaftpadException fromGrpc(Throwable failure) {
    return ErrorMapper.toException(failure);
  }
}
