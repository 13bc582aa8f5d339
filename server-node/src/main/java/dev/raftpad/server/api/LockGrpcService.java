package dev.raftpad.server.api;

import com.google.protobuf.Duration;
import dev.raftpad.codec.InvalidInputException;
import dev.raftpad.proto.v1.Lock;
import dev.raftpad.proto.v1.LockDocumentCommand;
import dev.raftpad.proto.v1.LockRecord;
import dev.raftpad.proto.v1.LockRequest;
import dev.raftpad.proto.v1.LockResponse;
import dev.raftpad.proto.v1.LockServiceGrpc;
import dev.raftpad.proto.v1.RenewLockRequest;
import dev.raftpad.proto.v1.RenewLockResponse;
import dev.raftpad.proto.v1.UnlockDocumentCommand;
import dev.raftpad.proto.v1.UnlockRequest;
import dev.raftpad.proto.v1.UnlockResponse;
import dev.raftpad.server.state.Commands;
import dev.raftpad.server.state.SessionIndex;
import io.grpc.stub.StreamObserver;
import java.util.function.Function;

/**
 * Locks as leases: while one user holds a document's lock, other users' edits are refused. The
 * lease is judged against the leader-stamped time of each command, so every replica agrees when it
 * ran out. Renewing is locking again by the holder, and only by the holder.
 */
public final class LockGrpcService extends LockServiceGrpc.LockServiceImplBase {
  static final long DEFAULT_LEASE_MILLIS = 60_000;
  static final long MIN_LEASE_MILLIS = 5_000;
  static final long MAX_LEASE_MILLIS = 600_000;

  private final Replicator replicator;

  public LockGrpcService(Replicator replicator) {
    this.replicator = replicator;
  }

  @Override
  public void lock(LockRequest request, StreamObserver<LockResponse> response) {
    acquire(
        request.getDocumentId(),
        request.hasLease() ? request.getLease() : null,
        false,
        response,
        lock -> LockResponse.newBuilder().setLock(lock).build());
  }

  @Override
  public void renewLock(RenewLockRequest request, StreamObserver<RenewLockResponse> response) {
    acquire(
        request.getDocumentId(),
        request.hasLease() ? request.getLease() : null,
        true,
        response,
        lock -> RenewLockResponse.newBuilder().setLock(lock).build());
  }

  /**
   * @param renewOnly a renewal: refused (NOT_LOCK_HOLDER) unless the caller holds the lock
   */
  private <T> void acquire(
      String documentId,
      Duration lease,
      boolean renewOnly,
      StreamObserver<T> response,
      Function<Lock, T> reply) {
    SessionIndex.Session session = Caller.session();
    long leaseMillis;
    try {
      Inputs.id("document_id", documentId);
      leaseMillis = lease == null ? DEFAULT_LEASE_MILLIS : leaseMillis(lease);
    } catch (InvalidInputException e) {
      response.onError(Statuses.invalid(e));
      return;
    }
    Replies.fromCommand(
        replicator.propose(
            Commands.lockDocument(
                LockDocumentCommand.newBuilder()
                    .setDocumentId(documentId)
                    .setUserId(session.userId())
                    .setSessionId(session.sessionId())
                    .setLeaseMillis(leaseMillis)
                    .setRenewOnly(renewOnly))),
        response,
        replicator,
        lock -> reply.apply(toWire(documentId, lock)));
  }

  /**
   * A lease as milliseconds, refused unless it is a well-formed protobuf Duration (nanos within [0,
   * 1e9) for a positive lease) between 5 s and 10 min — checked before multiplying, so a huge
   * seconds field cannot overflow into the allowed range.
   */
  private static long leaseMillis(Duration lease) {
    if (lease.getNanos() < 0 || lease.getNanos() >= 1_000_000_000) {
      throw new InvalidInputException("lease.nanos", "must be between 0 and 999,999,999");
    }
    if (lease.getSeconds() < 0 || lease.getSeconds() > MAX_LEASE_MILLIS / 1000) {
      throw new InvalidInputException("lease", "between 5 s and 10 min");
    }
    long millis = lease.getSeconds() * 1000 + lease.getNanos() / 1_000_000;
    if (millis < MIN_LEASE_MILLIS || millis > MAX_LEASE_MILLIS) {
      throw new InvalidInputException("lease", "between 5 s and 10 min");
    }
    return millis;
  }

  private Lock toWire(String documentId, LockRecord record) {
    return DocumentInfos.lock(replicator.state(), documentId, record);
  }

  @Override
  public void unlock(UnlockRequest request, StreamObserver<UnlockResponse> response) {
    SessionIndex.Session session = Caller.session();
    Replies.fromCommand(
        replicator.propose(
            Commands.unlockDocument(
                UnlockDocumentCommand.newBuilder()
                    .setDocumentId(request.getDocumentId())
                    .setUserId(session.userId()))),
        response,
        replicator,
        unlocked -> UnlockResponse.getDefaultInstance());
  }
}
