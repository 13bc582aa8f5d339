package dev.raftpad.client.sdk.internal;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.RaftpadException.Reason;
import dev.raftpad.proto.v1.Member;
import dev.raftpad.proto.v1.NotLeader;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where gRPC failures become {@link RaftpadException}s: the reason from the server's
 * {@code ErrorInfo} when it sent one, else from the status code; plus what the retry logic needs to
 * know (a NotLeader redirect, whether the request never left this process).
 */
public final class ErrorMapper {
  private ErrorMapper() {}

  /**
   * A NotLeader detail: where the leader is (address empty while an election runs) and the members'
   * client addresses.
   */
  public record Redirect(String leaderId, String leaderAddress, List<String> memberAddresses) {
    public Redirect {
      memberAddresses = List.copyOf(memberAddresses);
    }
  }

  /**
   * A classified failure.
   *
   * @param neverSent the connection could not even be opened, so the server never saw the request
   *     and any call may be retried, idempotent or not
   */
  public record Failure(
      RaftpadException exception, Optional<Redirect> redirect, boolean neverSent) {
    public Reason reason() {
      return exception.reason();
    }
  }

  /** The exception a caller sees for {@code failure}. */
  public static RaftpadException toException(Throwable failure) {
    return classify(failure).exception();
  }

  public static Failure classify(Throwable failure) {
    if (failure instanceof RaftpadException e) {
      return new Failure(e, Optional.empty(), false);
    }
    Status status = statusOf(failure);
    if (status == null) {
      return new Failure(
          new RaftpadException(Reason.INTERNAL, "unexpected failure: " + failure),
          Optional.empty(),
          false);
    }
    com.google.rpc.Status rich = StatusProto.fromThrowable(failure);
    ErrorInfo info = null;
    Redirect redirect = null;
    Duration retryAfter = null;
    if (rich != null) {
      for (Any detail : rich.getDetailsList()) {
        try {
          if (detail.is(ErrorInfo.class)) {
            info = detail.unpack(ErrorInfo.class);
          } else if (detail.is(NotLeader.class)) {
            redirect = redirect(detail.unpack(NotLeader.class));
          } else if (detail.is(RetryInfo.class)) {
            var delay = detail.unpack(RetryInfo.class).getRetryDelay();
            retryAfter = Duration.ofSeconds(delay.getSeconds(), delay.getNanos());
          }
        } catch (InvalidProtocolBufferException e) {
          // A detail we cannot read is ignored: the code and message still say what happened.
        }
      }
    }
    String message =
        status.getDescription() != null ? status.getDescription() : status.getCode().toString();
    javax.net.ssl.SSLException tls = tlsFailure(failure);
    if (tls != null) {
      // gRPC says only "io exception"; the cause is what a person can act on.
      message =
          "the TLS handshake failed — is the cluster's CA trusted (and does the server speak"
              + " TLS)? "
              + tls.getMessage();
    }
    Map<String, String> metadata = new HashMap<>();
    if (redirect != null) {
      metadata.put("leader_id", redirect.leaderId());
    }
    Reason reason;
    if (info != null) {
      metadata.putAll(info.getMetadataMap());
      reason = serverReason(info.getReason(), metadata);
    } else if (status.getCode() == Status.Code.UNKNOWN && causedByClosedChannel(failure)) {
      // grpc-netty reports a connection that closed under a call (the node was killed or
      // restarted) as UNKNOWN "channel closed" when the ClosedChannelException has no cause of
      // its own: the member went away mid-call, like UNAVAILABLE, not a server bug. As INTERNAL
      // it counted as a permanent refusal, and a document session dropped its unconfirmed edits.
      reason = Reason.UNAVAILABLE;
    } else {
      reason = fromCode(status.getCode());
    }
    boolean neverSent = status.getCode() == Status.Code.UNAVAILABLE && causedByConnect(failure);
    return new Failure(
        new RaftpadException(reason, message, metadata, retryAfter),
        Optional.ofNullable(redirect),
        neverSent);
  }

  private static Reason serverReason(String name, Map<String, String> metadata) {
    try {
      return Reason.valueOf(name);
    } catch (IllegalArgumentException e) {
      // A reason newer than this SDK: keep it for people, report INTERNAL to programs.
      metadata.put("server_reason", name);
      return Reason.INTERNAL;
    }
  }

  private static Reason fromCode(Status.Code code) {
    return switch (code) {
      case UNAVAILABLE -> Reason.UNAVAILABLE;
      case DEADLINE_EXCEEDED -> Reason.DEADLINE_EXCEEDED;
      case UNIMPLEMENTED -> Reason.UNIMPLEMENTED;
      case CANCELLED -> Reason.CANCELLED;
      case UNAUTHENTICATED -> Reason.UNAUTHENTICATED;
      case PERMISSION_DENIED -> Reason.PERMISSION_DENIED;
      default -> Reason.INTERNAL;
    };
  }

  private static Redirect redirect(NotLeader detail) {
    List<String> members = new ArrayList<>();
    for (Member member : detail.getMembersList()) {
      if (!member.getClientAddress().isEmpty()) {
        members.add(member.getClientAddress());
      }
    }
    return new Redirect(detail.getLeaderId(), detail.getLeaderAddress(), members);
  }

  private static Status statusOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException e) {
        return e.getStatus();
      }
      if (t instanceof StatusException e) {
        return e.getStatus();
      }
    }
    return null;
  }

  private static boolean causedByClosedChannel(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ClosedChannelException) {
        return true;
      }
    }
    return false;
  }

  private static javax.net.ssl.SSLException tlsFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLException e) {
        return e;
      }
    }
    return null;
  }

  private static boolean causedByConnect(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }
}
