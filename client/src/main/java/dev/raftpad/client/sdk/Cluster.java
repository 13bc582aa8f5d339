package dev.raftpad.client.sdk;

import dev.raftpad.client.sdk.internal.CallKind;
import dev.raftpad.client.sdk.internal.Connection;
import dev.raftpad.client.sdk.internal.Wire;
import dev.raftpad.client.sdk.model.ClusterStatus;
import dev.raftpad.client.sdk.model.MemberStatus;
import dev.raftpad.proto.v1.AddNodeRequest;
import dev.raftpad.proto.v1.BackupChunk;
import dev.raftpad.proto.v1.BackupInfo;
import dev.raftpad.proto.v1.BackupRequest;
import dev.raftpad.proto.v1.ClusterServiceGrpc;
import dev.raftpad.proto.v1.ClusterServiceGrpc.ClusterServiceBlockingStub;
import dev.raftpad.proto.v1.GetClusterStatusRequest;
import dev.raftpad.proto.v1.RemoveNodeRequest;
import dev.raftpad.proto.v1.TransferLeadershipRequest;
import io.grpc.Context;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** Cluster status (any signed-in user), membership changes and backups (admins). */
public final class Cluster {
  private final Connection connection;

  Cluster(Connection connection) {
    this.connection = connection;
  }

  /**
   * The cluster as the leader sees it: only the leader tracks replication (match index, lag,
   * reachability), so when a follower answers, the leader it names is asked in turn. A pinned
   * client ({@link ClientOptions#pinnedToFirstSeed()}), or a cluster without a reachable leader,
   * gets the answering node's own view ({@link ClusterStatus#answeredByLeader()} says which). Also
   * refreshes this client's idea of the leader and the members.
   */
  public ClusterStatus status() {
    return report().status();
  }

  /**
   * The answering node's own health figures.
   *
   * @param fsyncP99Millis the 99th percentile of its storage fsyncs since it started
   * @param fsyncs how many fsyncs that is over
   * @param fsyncP99MillisLastMinute the same over about the last minute
   * @param fsyncsLastMinute how many fsyncs that is over
   * @param lastElectionAt when it last saw a new term (an election), if since it started
   * @param leaderUptimeMillis how long the leader has led as far as it saw (on the leader: since
   *     its election); empty without a known leader
   */
  public record Health(
      double fsyncP99Millis,
      long fsyncs,
      double fsyncP99MillisLastMinute,
      long fsyncsLastMinute,
      Optional<Instant> lastElectionAt,
      Optional<Long> leaderUptimeMillis) {}

  /** A {@link #status()} with the answering node's {@link Health}. */
  public record Report(ClusterStatus status, Health health) {}

  /** Like {@link #status()}, with the answering node's (normally the leader's) health figures. */
  public Report report() {
    Report report = reportOnce();
    if (!report.status().answeredByLeader()
        && report.status().leaderAddress().isPresent()
        && !connection.tracker().pinned()) {
      try {
        report = reportOnce(); // the tracker now points at the leader the follower named
      } catch (RaftpadException e) {
        // The leader went away meanwhile: the follower's view is still an answer.
      }
    }
    return report;
  }

  private Report reportOnce() {
    dev.raftpad.proto.v1.ClusterStatus wire =
        call(
                CallKind.READ,
                stub -> stub.getClusterStatus(GetClusterStatusRequest.getDefaultInstance()))
            .getStatus();
    ClusterStatus status = Wire.cluster(wire);
    connection
        .tracker()
        .learned(
            status.leaderAddress(),
            status.members().stream().map(MemberStatus::clientAddress).toList());
    return new Report(
        status,
        new Health(
            wire.getFsyncP99Millis(),
            wire.getFsyncs(),
            wire.getFsyncP99MillisLastMinute(),
            wire.getFsyncsLastMinute(),
            wire.hasLastElectionAt()
                ? Optional.of(
                    Instant.ofEpochSecond(
                        wire.getLastElectionAt().getSeconds(), wire.getLastElectionAt().getNanos()))
                : Optional.empty(),
            wire.hasLeaderUptime()
                ? Optional.of(
                    wire.getLeaderUptime().getSeconds() * 1000
                        + wire.getLeaderUptime().getNanos() / 1_000_000)
                : Optional.empty()));
  }

  /** Adds a node as a learner; it becomes a voter once caught up. */
  public ClusterStatus addNode(String nodeId, String address) {
    return Wire.cluster(
        call(
                CallKind.IDEMPOTENT_WRITE,
                stub ->
                    stub.addNode(
                        AddNodeRequest.newBuilder()
                            .setNodeId(nodeId)
                            .setPeerAddress(address)
                            .setClientAddress(address)
                            .build()))
            .getStatus());
  }

  public ClusterStatus removeNode(String nodeId) {
    return Wire.cluster(
        call(
                CallKind.IDEMPOTENT_WRITE,
                stub -> stub.removeNode(RemoveNodeRequest.newBuilder().setNodeId(nodeId).build()))
            .getStatus());
  }

  /**
   * Hands leadership to {@code targetNodeId} (empty = the most up-to-date voter).
   *
   * @return the new leader's id
   */
  public String transferLeadership(String targetNodeId) {
    // READ, not a write: it is idempotent, and the node that answers is no longer the leader.
    return call(
            CallKind.READ,
            stub ->
                stub.transferLeadership(
                    TransferLeadershipRequest.newBuilder().setTargetNodeId(targetNodeId).build()))
        .getNewLeaderId();
  }

  /**
   * What a backup holds, as its first message said.
   *
   * @param index the committed index whose state the file holds
   * @param sha256 the file's SHA-256, hex
   */
  public record Backup(
      Path file,
      String clusterId,
      long index,
      long term,
      List<String> voters,
      List<String> learners,
      Instant createdAt,
      long bytes,
      String sha256) {
    public Backup {
      voters = List.copyOf(voters);
      learners = List.copyOf(learners);
    }
  }

  /** How long a backup may take end to end before it is given up. */
  public static final Duration BACKUP_TIMEOUT = Duration.ofMinutes(10);

  /**
   * Writes a consistent backup of the whole cluster's state to {@code file} (admins only): the
   * state at one committed index, holding every write acknowledged before this call. The file
   * appears only once it is complete, its length and SHA-256 match what the server sent, and it is
   * on disk (written to a temporary file beside it, fsynced, renamed; mode 0600). Any node may
   * answer; a follower confirms with the leader first.
   *
   * @throws FileAlreadyExistsException if {@code file} exists (a backup never overwrites one)
   * @throws IOException if the file cannot be written
   */
  public Backup backup(Path file) throws IOException {
    Path target = file.toAbsolutePath();
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(
          target.toString(), null, "exists; a backup never overwrites a file");
    }
    Path temp =
        target.resolveSibling(
            target.getFileName() + ".part-" + Long.toHexString(System.nanoTime()));
    AtomicReference<IOException> localFailure = new AtomicReference<>();
    try {
      Backup backup =
          call(
              CallKind.READ,
              stub -> {
                // Cancelled on the way out, so a stream left early (a local failure, a damaged
                // chunk) does not stay open at the server until its deadline.
                Context.CancellableContext scope = Context.current().withCancellation();
                Context previous = scope.attach();
                try {
                  return BackupDownload.into(
                      temp,
                      target,
                      stub.withDeadlineAfter(BACKUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                          .backup(BackupRequest.getDefaultInstance()));
                } catch (IOException e) {
                  localFailure.set(e);
                  return null;
                } finally {
                  scope.detach(previous);
                  scope.cancel(null);
                }
              });
      if (localFailure.get() != null) {
        throw localFailure.get();
      }
      if (Files.exists(target)) {
        throw new FileAlreadyExistsException(
            target.toString(), null, "appeared while the backup was taken; it was kept");
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      BackupDownload.syncDirectory(target.getParent());
      return backup;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private <T> T call(CallKind kind, Function<ClusterServiceBlockingStub, T> rpc) {
    return connection.call(
        kind,
        a -> rpc.apply(ClusterServiceGrpc.newBlockingStub(a.channel()).withDeadline(a.deadline())));
  }

  /** Receives one backup stream into a file, checking it as the server described it. */
  private static final class BackupDownload {
    private BackupDownload() {}

    static Backup into(Path temp, Path target, Iterator<BackupChunk> stream) throws IOException {
      MessageDigest sha;
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-256", e);
      }
      BackupInfo info = null;
      byte[] expectedSha = null;
      long written = 0;
      // Every attempt starts the file afresh: a retried call must not append to a failed one's.
      try (FileChannel out = FileChannel.open(temp, OPEN, privateFile())) {
        while (stream.hasNext()) {
          BackupChunk chunk = stream.next();
          if (chunk.hasInfo()) {
            info = chunk.getInfo();
          }
          ByteBuffer data = chunk.getData().asReadOnlyByteBuffer();
          sha.update(data.duplicate());
          while (data.hasRemaining()) {
            written += out.write(data);
          }
          if (!chunk.getFileSha256().isEmpty()) {
            expectedSha = chunk.getFileSha256().toByteArray();
          }
        }
        if (info == null || expectedSha == null) {
          throw new RaftpadException(
              RaftpadException.Reason.INTERNAL, "the backup stream ended before it was complete");
        }
        if (written != info.getFileBytes() || !MessageDigest.isEqual(sha.digest(), expectedSha)) {
          throw new RaftpadException(
              RaftpadException.Reason.INTERNAL,
              "the backup arrived damaged ("
                  + written
                  + " of "
                  + info.getFileBytes()
                  + " bytes, or a SHA-256 mismatch); nothing was written");
        }
        out.force(true);
      }
      return new Backup(
          target,
          info.getClusterId(),
          info.getIndex(),
          info.getTerm(),
          info.getVotersList(),
          info.getLearnersList(),
          Instant.ofEpochSecond(info.getCreatedAt().getSeconds(), info.getCreatedAt().getNanos()),
          written,
          HexFormat.of().formatHex(expectedSha));
    }

    private static final Set<StandardOpenOption> OPEN =
        EnumSet.of(
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);

    private static FileAttribute<?>[] privateFile() {
      if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        return new FileAttribute<?>[0];
      }
      return new FileAttribute<?>[] {
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
      };
    }

    /** Makes a rename in {@code dir} durable (where the platform can fsync a directory). */
    static void syncDirectory(Path dir) throws IOException {
      try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
        channel.force(true);
      } catch (IOException e) {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
          throw e;
        }
        // Windows cannot open a directory this way; its renames are durable through NTFS's log.
      }
    }
  }
}
