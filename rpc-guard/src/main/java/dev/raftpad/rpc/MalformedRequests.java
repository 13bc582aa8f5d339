package dev.raftpad.rpc;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import dev.raftpad.proto.v1.ErrorReason;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * The answer to a request that is not a well-formed message of its method's type: INVALID_ARGUMENT
 * with an ErrorInfo of reason MALFORMED_REQUEST, as every other Raftpad error carries (domain
 * {@value #DOMAIN}; docs/api.md).
 */
public final class MalformedRequests {
  /** The ErrorInfo domain of every Raftpad error. */
  public static final String DOMAIN = "raftpad.dev";

  private MalformedRequests() {}

  /** The refusal, with {@code message} for people. */
  public static StatusRuntimeException status(String message) {
    return StatusProto.toStatusRuntimeException(
        com.google.rpc.Status.newBuilder()
            .setCode(Code.INVALID_ARGUMENT_VALUE)
            .setMessage(message)
            .addDetails(
                Any.pack(
                    ErrorInfo.newBuilder()
                        .setDomain(DOMAIN)
                        .setReason(
                            ErrorReason.ERROR_REASON_MALFORMED_REQUEST
                                .name()
                                .substring("ERROR_REASON_".length()))
                        .build()))
            .build());
  }
}
