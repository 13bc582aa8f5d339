package dev.raftpad.client.sdk;

import dev.raftpad.client.sdk.internal.CallKind;
import dev.raftpad.client.sdk.internal.Connection;
import dev.raftpad.client.sdk.internal.Wire;
import dev.raftpad.client.sdk.model.LockInfo;
import dev.raftpad.proto.v1.LockRequest;
import dev.raftpad.proto.v1.LockServiceGrpc;
import dev.raftpad.proto.v1.LockServiceGrpc.LockServiceBlockingStub;
import dev.raftpad.proto.v1.RenewLockRequest;
import dev.raftpad.proto.v1.UnlockRequest;
import java.time.Duration;
import java.util.function.Function;

/** Document locks: leases others cannot edit through. All idempotent for the holder. */
public final class Locks {
  private final Connection connection;

  Locks(Connection connection) {
    this.connection = connection;
  }

  /** Takes (or, for the holder, extends) the lock for {@code lease} (5 s to 10 min). */
  public LockInfo lock(String documentId, Duration lease) {
    return Wire.lock(
        call(stub ->
                stub.lock(
                    LockRequest.newBuilder()
                        .setDocumentId(documentId)
                        .setLease(duration(lease))
                        .build()))
            .getLock());
  }

  public void unlock(String documentId) {
    var unused =
        call(stub -> stub.unlock(UnlockRequest.newBuilder().setDocumentId(documentId).build()));
  }

  public LockInfo renew(String documentId, Duration lease) {
    return Wire.lock(
        call(stub ->
                stub.renewLock(
                    RenewLockRequest.newBuilder()
                        .setDocumentId(documentId)
                        .setLease(duration(lease))
                        .build()))
            .getLock());
  }

  private static com.google.protobuf.Duration duration(Duration d) {
    return com.google.protobuf.Duration.newBuilder()
        .setSeconds(d.getSeconds())
        .setNanos(d.getNano())
        .build();
  }

  private <T> T call(Function<LockServiceBlockingStub, T> rpc) {
    return connection.call(
        CallKind.IDEMPOTENT_WRITE,
        a -> rpc.apply(LockServiceGrpc.newBlockingStub(a.channel()).withDeadline(a.deadline())));
  }
}
