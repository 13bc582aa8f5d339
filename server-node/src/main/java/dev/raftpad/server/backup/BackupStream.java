package dev.raftpad.server.backup;

import com.google.protobuf.ByteString;
import dev.raftpad.proto.v1.BackupChunk;
import dev.raftpad.proto.v1.BackupInfo;
import dev.raftpad.server.wire.Timestamps;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one backup down a server stream: encodes the captured state on its own thread (never the
 * Raft loop's or a transport thread), then sends the info, the file in chunks of at most {@link
 * #CHUNK_BYTES} as the client's flow control allows (so a slow reader holds one chunk of the node's
 * memory in gRPC's buffers, not the whole file), and the file's SHA-256 last.
 */
public final class BackupStream {
  /** The largest data chunk, as for snapshots between peers ({@code raft.SnapshotChunks}). */
  public static final int CHUNK_BYTES = 1 << 20;

  private static final Logger log = LoggerFactory.getLogger(BackupStream.class);

  private final ServerCallStreamObserver<BackupChunk> call;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private boolean cancelled;

  /** Must be made inside the RPC method: gRPC accepts the handlers only there. */
  public BackupStream(ServerCallStreamObserver<BackupChunk> call) {
    this.call = call;
    call.setOnReadyHandler(this::signal);
    call.setOnCancelHandler(
        () -> {
          lock.lock();
          try {
            cancelled = true;
            changed.signalAll();
          } finally {
            lock.unlock();
          }
        });
  }

  /** Encodes and sends {@code capture} on a thread of its own. */
  public void sendInBackground(BackupSource.Capture capture) {
    var unused =
        Thread.ofPlatform()
            .daemon()
            .name("backup-at-" + capture.index())
            .start(() -> send(capture));
  }

  private void send(BackupSource.Capture capture) {
    try {
      BackupFile backup = capture.encode();
      byte[] file = backup.toBytes();
      byte[] sha = BackupFile.sha256(file, file.length);
      if (!next(BackupChunk.newBuilder().setInfo(info(backup.header(), file.length)).build())) {
        return;
      }
      for (int offset = 0; offset < file.length; offset += CHUNK_BYTES) {
        int length = Math.min(CHUNK_BYTES, file.length - offset);
        if (!next(
            BackupChunk.newBuilder().setData(ByteString.copyFrom(file, offset, length)).build())) {
          return;
        }
      }
      if (next(BackupChunk.newBuilder().setFileSha256(ByteString.copyFrom(sha)).build())) {
        call.onCompleted();
        log.info("sent a backup of index {} ({} bytes)", backup.header().index(), file.length);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.onError(Status.UNAVAILABLE.withDescription("the node is stopping").asRuntimeException());
    } catch (RuntimeException e) {
      log.warn("backup at index {} failed", capture.index(), e);
      call.onError(Status.INTERNAL.withDescription("backup failed").asRuntimeException());
    }
  }

  /** Sends one message once the client can take it; false if the call was cancelled. */
  private boolean next(BackupChunk chunk) throws InterruptedException {
    lock.lock();
    try {
      while (!cancelled && !call.isReady()) {
        // The ready handler signals; the timeout only guards against a signal gRPC never sends.
        var unused = changed.await(1, TimeUnit.SECONDS);
      }
      if (cancelled) {
        return false;
      }
    } finally {
      lock.unlock();
    }
    call.onNext(chunk);
    return true;
  }

  private void signal() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private static BackupInfo info(BackupHeader header, long fileBytes) {
    return BackupInfo.newBuilder()
        .setClusterId(header.clusterId())
        .setIndex(header.index())
        .setTerm(header.term())
        .addAllVoters(header.membership().voters())
        .addAllLearners(header.membership().learners())
        .setCreatedAt(Timestamps.ofMillis(header.createdAt().toEpochMilli()))
        .setFileFormatVersion(BackupFile.FORMAT_VERSION)
        .setFileBytes(fileBytes)
        .build();
  }
}
