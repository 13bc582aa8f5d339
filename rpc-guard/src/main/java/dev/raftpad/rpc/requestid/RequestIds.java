package dev.raftpad.rpc.requestid;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The request id that follows one call from a client through a server node to the LLM node: its
 * gRPC header, its key in the logging MDC, and the rule for which ids are taken as they come.
 */
public final class RequestIds {
  /** The gRPC metadata header that carries the id on every hop. */
  public static final Metadata.Key<String> HEADER =
      Metadata.Key.of("raftpad-request-id", Metadata.ASCII_STRING_MARSHALLER);

  /** The MDC key under which every log line written for the call carries the id. */
  public static final String MDC_KEY = "requestId";

  /** The call's id inside a server, set by {@link RequestIdServerInterceptor}. */
  static final Context.Key<String> CONTEXT = Context.key("raftpad-request-id");

  /** Which ids a caller may choose, in words. */
  public static final String RULE = "a request id is 1 to 64 letters, digits, '.', '_', ':' or '-'";

  // An id ends up in every log line of its call: anything beyond a short token of these
  // characters could forge or break a line, so such a header is replaced, not logged.
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private RequestIds() {}

  /** A fresh id: 16 random hex digits. */
  public static String newId() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Whether {@code id} is taken as the caller gave it (a short token of safe characters). */
  public static boolean acceptable(String id) {
    return id != null && ACCEPTED.matcher(id).matches();
  }

  /** {@code supplied} when acceptable, else a fresh id. */
  static String orNew(String supplied) {
    return acceptable(supplied) ? supplied : newId();
  }

  /** The id of the call being served on this thread's gRPC context, or null outside one. */
  public static String current() {
    return CONTEXT.get();
  }

  /** {@code stub} with every call carrying {@code id}: how a server forwards its call's id. */
  public static <S extends AbstractStub<S>> S forward(S stub, String id) {
    if (id == null) {
      return stub;
    }
    Metadata headers = new Metadata();
    headers.put(HEADER, id);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }
}
