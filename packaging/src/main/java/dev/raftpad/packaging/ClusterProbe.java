package dev.raftpad.packaging;

import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.proto.v1.AccountServiceGrpc;
import dev.raftpad.proto.v1.ClusterServiceGrpc;
import dev.raftpad.proto.v1.ClusterStatus;
import dev.raftpad.proto.v1.GetClusterStatusRequest;
import dev.raftpad.proto.v1.LoginRequest;
import dev.raftpad.proto.v1.MemberStatus;
import dev.raftpad.proto.v1.NodeRole;
import dev.raftpad.proto.v1.RegisterRequest;
import dev.raftpad.tls.GrpcTls;
import dev.raftpad.tls.TrustedCa;
import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The local cluster's helper behind the {@code ./raftpad} script (not a user-facing tool).
 *
 * <ul>
 *   <li>{@code wait SECONDS HOST:PORT,...} — waits until every server serves linearizable reads,
 *       which needs an elected leader that reaches a majority; exit 0, or 1 with the reason.
 *   <li>{@code init-admin HOST:PORT,... DIR} — on a new cluster, registers the account {@code
 *       admin} (the first account administers the cluster) with a random password, kept in {@code
 *       DIR/admin.properties} (mode 0600).
 *   <li>{@code status HOST:PORT,... DIR [LLM_HOST:PORT]} — one line per server, the leader's view
 *       of the cluster when {@code DIR/admin.properties} exists, and the LLM node's health; exit 0
 *       when every server serves.
 * </ul>
 *
 * <p>Whether a server serves is asked without an account: a {@code Login} with an empty username
 * (which no account can have) is a linearizable read, answered UNAUTHENTICATED / BAD_CREDENTIALS by
 * a node that reached the leader's read index, and UNAVAILABLE (with a NotLeader detail) when no
 * leader is known. Nothing is written.
 */
public final class ClusterProbe {
  private static final long CALL_TIMEOUT_MILLIS = 3_000;
  private static final String ADMIN = "admin";

  private ClusterProbe() {}

  /** What one server said to the probe. */
  public sealed interface Answer {
    /** The server served a linearizable read: a leader exists and reaches a majority. */
    record Serving() implements Answer {}

    /** The server runs but cannot serve reads now (no leader known, or no quorum). */
    record NotServing(String why) implements Answer {}

    /** The server could not be reached. */
    record Down(String why) implements Answer {}
  }

  /** Asks the server at {@code address} (host:port). */
  public static Answer probe(String address) {
    ManagedChannel channel = channel(address);
    try {
      var unused =
          AccountServiceGrpc.newBlockingStub(channel)
              .withDeadlineAfter(CALL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
              .login(LoginRequest.newBuilder().setUsername("").setPassword("probe").build());
      return new Answer.NotServing("accepted an empty username");
    } catch (StatusRuntimeException e) {
      RaftpadException failure = RaftpadException.fromGrpc(e);
      return switch (failure.reason()) {
        case BAD_CREDENTIALS -> new Answer.Serving();
        case NOT_LEADER -> {
          String leader = failure.metadata().getOrDefault("leader_id", "");
          yield new Answer.NotServing(
              leader.isEmpty() ? "no leader: election running" : "cannot reach leader " + leader);
        }
        case UNAVAILABLE -> new Answer.Down("not reachable");
        default -> new Answer.NotServing(failure.getMessage());
      };
    } finally {
      close(channel);
    }
  }

  /** The answers of every server, in the order given. */
  public static Map<String, Answer> probeAll(List<String> addresses) {
    Map<String, Answer> answers = new LinkedHashMap<>();
    for (String address : addresses) {
      answers.put(address, probe(address));
    }
    return answers;
  }

  /** True when every server serves. */
  public static boolean allServing(Map<String, Answer> answers) {
    return answers.values().stream().allMatch(a -> a instanceof Answer.Serving);
  }

  /** Waits until every server serves; true if they did before the timeout. */
  public static boolean await(List<String> addresses, long timeoutSeconds, PrintStream out) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (true) {
      Map<String, Answer> answers = probeAll(addresses);
      if (allServing(answers)) {
        return true;
      }
      if (System.nanoTime() - deadline > 0) {
        out.println("the cluster is not serving after " + timeoutSeconds + " s:");
        answers.forEach((address, answer) -> out.println("  " + address + "  " + text(answer)));
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
    }
  }

  /**
   * Registers the {@code admin} account unless {@code dir/admin.properties} exists; returns a line
   * that says what happened.
   */
  public static String initAdmin(List<String> addresses, Path dir) throws IOException {
    Path file = dir.resolve("admin.properties");
    if (Files.exists(file)) {
      return "admin account: see " + file;
    }
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    StatusRuntimeException last = null;
    for (String address : addresses) {
      ManagedChannel channel = channel(address);
      try {
        var unused =
            AccountServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .register(
                    RegisterRequest.newBuilder()
                        .setUsername(ADMIN)
                        .setPassword(password)
                        .setDisplayName("Administrator")
                        .build());
        Properties properties = new Properties();
        properties.setProperty("username", ADMIN);
        properties.setProperty("password", password);
        writePrivate(file, properties, "the local cluster's administrator (created by ./raftpad)");
        return "admin account: user admin, password in " + file;
      } catch (StatusRuntimeException e) {
        if (RaftpadException.fromGrpc(e).reason() == RaftpadException.Reason.USERNAME_TAKEN) {
          return "admin account: someone registered 'admin' already (no "
              + file
              + "; status shows less)";
        }
        last = e; // not the leader, or unreachable: try the next server
      } finally {
        close(channel);
      }
    }
    return "admin account: not created (" + (last == null ? "no server" : describe(last)) + ")";
  }

  /** The status lines: per server, then the leader's view when the admin account is known. */
  public static List<String> status(List<String> addresses, Path dir) throws IOException {
    Map<String, Answer> answers = probeAll(addresses);
    ClusterStatus cluster = clusterStatus(addresses, dir);
    Map<String, MemberStatus> byAddress = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    if (cluster != null) {
      cluster.getMembersList().forEach(m -> byAddress.put(m.getMember().getClientAddress(), m));
      lines.add(
          String.format(
              Locale.ROOT,
              "cluster %s: leader %s, term %d, commit index %d",
              cluster.getClusterId(),
              cluster.getLeaderId().isEmpty() ? "(none)" : cluster.getLeaderId(),
              cluster.getTerm(),
              cluster.getCommitIndex()));
    }
    for (var entry : answers.entrySet()) {
      MemberStatus member = byAddress.get(entry.getKey());
      String id = member == null ? "?" : member.getMember().getNodeId();
      String role = member == null ? "" : roleName(member.getRole());
      String lag =
          member == null || member.getRole() == NodeRole.NODE_ROLE_LEADER
              ? ""
              : "  match " + member.getMatchIndex() + ", lag " + member.getLag();
      lines.add(
          String.format(
              Locale.ROOT,
              "  %-4s %-21s %-9s %s%s",
              id,
              entry.getKey(),
              role,
              text(entry.getValue()),
              entry.getValue() instanceof Answer.Serving ? lag : ""));
    }
    if (cluster != null) {
      for (MemberStatus member : cluster.getMembersList()) {
        if (!answers.containsKey(member.getMember().getClientAddress())) {
          lines.add(
              String.format(
                  Locale.ROOT,
                  "  %-4s %-21s %-9s (a member this script did not start)",
                  member.getMember().getNodeId(),
                  member.getMember().getClientAddress(),
                  roleName(member.getRole())));
        }
      }
    }
    lines.add(allServing(answers) ? "every server serves" : "not every server serves");
    return lines;
  }

  /** The leader's (else any server's) ClusterStatus, or null without the admin account. */
  private static ClusterStatus clusterStatus(List<String> addresses, Path dir) throws IOException {
    Path file = dir.resolve("admin.properties");
    if (!Files.exists(file)) {
      return null;
    }
    Properties admin = read(file);
    ClusterStatus any = null;
    for (String address : addresses) {
      ManagedChannel channel = channel(address);
      try {
        String token = token(channel, dir, admin);
        Metadata headers = new Metadata();
        headers.put(
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        ClusterStatus status =
            ClusterServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(CALL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .getClusterStatus(GetClusterStatusRequest.getDefaultInstance())
                .getStatus();
        if (status.getAnsweringNodeId().equals(status.getLeaderId())) {
          return status;
        }
        any = status;
      } catch (StatusRuntimeException e) {
        // this server cannot answer: ask the next one
      } finally {
        close(channel);
      }
    }
    return any;
  }

  /** The cached session token, or a new one from a login (cached for the next time). */
  private static String token(ManagedChannel channel, Path dir, Properties admin)
      throws IOException {
    Path file = dir.resolve("admin.token");
    if (Files.exists(file)) {
      String token = Files.readString(file, StandardCharsets.UTF_8).strip();
      Metadata headers = new Metadata();
      headers.put(
          Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
      try {
        var unused =
            AccountServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(CALL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .whoAmI(dev.raftpad.proto.v1.WhoAmIRequest.getDefaultInstance());
        return token;
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNAUTHENTICATED) {
          throw e;
        }
      }
    }
    String token =
        AccountServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .login(
                LoginRequest.newBuilder()
                    .setUsername(admin.getProperty("username", ADMIN))
                    .setPassword(admin.getProperty("password", ""))
                    .setDeviceName("./raftpad status")
                    .build())
            .getToken();
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temporary);
    Files.createFile(
        temporary,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(temporary, token + "\n", StandardCharsets.UTF_8);
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    return token;
  }

  /** The LLM node's health as one phrase. */
  public static String llm(String address) {
    ManagedChannel channel = channel(address);
    try {
      HealthCheckResponse.ServingStatus status =
          HealthGrpc.newBlockingStub(channel)
              .withDeadlineAfter(CALL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
              .check(HealthCheckRequest.getDefaultInstance())
              .getStatus();
      return status == HealthCheckResponse.ServingStatus.SERVING
          ? "serving (model loaded)"
          : "running, no model loaded (./raftpad model fetch)";
    } catch (StatusRuntimeException e) {
      return "down (" + describe(e) + ")";
    } finally {
      close(channel);
    }
  }

  private static String roleName(NodeRole role) {
    return switch (role) {
      case NODE_ROLE_LEADER -> "leader";
      case NODE_ROLE_FOLLOWER -> "follower";
      case NODE_ROLE_CANDIDATE -> "candidate";
      case NODE_ROLE_PRE_CANDIDATE -> "candidate";
      case NODE_ROLE_LEARNER -> "learner";
      default -> "";
    };
  }

  private static String text(Answer answer) {
    return switch (answer) {
      case Answer.Serving s -> "serving";
      case Answer.NotServing n -> "not serving (" + n.why() + ")";
      case Answer.Down d -> "down (" + d.why() + ")";
    };
  }

  private static String describe(StatusRuntimeException e) {
    return RaftpadException.fromGrpc(e).getMessage();
  }

  private static ManagedChannel channel(String address) {
    int colon = address.lastIndexOf(':');
    return NettyChannelBuilder.forAddress(
            address.substring(0, colon),
            Integer.parseInt(address.substring(colon + 1)),
            CREDENTIALS)
        .build();
  }

  /**
   * TLS trusting RAFTPAD_CA (the local cluster's CA, which {@code ./raftpad} passes), else the
   * JDK's trust store; plaintext only with RAFTPAD_INSECURE=1 (a cluster run with --insecure).
   */
  private static final ChannelCredentials CREDENTIALS = credentials();

  private static ChannelCredentials credentials() {
    if ("1".equals(System.getenv("RAFTPAD_INSECURE"))) {
      return GrpcTls.insecureClient();
    }
    String ca = System.getenv("RAFTPAD_CA");
    return GrpcTls.client(ca == null || ca.isBlank() ? null : TrustedCa.load(Path.of(ca)));
  }

  private static void close(ManagedChannel channel) {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Properties read(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    return properties;
  }

  private static void writePrivate(Path file, Properties properties, String comment)
      throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temporary);
    Files.createFile(
        temporary,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
      properties.store(writer, comment);
    }
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
  }

  private static List<String> addresses(String commaSeparated) {
    List<String> addresses = new ArrayList<>();
    for (String part : commaSeparated.split(",", -1)) {
      if (!part.isBlank()) {
        addresses.add(part.strip());
      }
    }
    return addresses;
  }

  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    int exit;
    if (args.length == 3 && args[0].equals("wait")) {
      exit = await(addresses(args[2]), Long.parseLong(args[1]), out) ? 0 : 1;
    } else if (args.length == 3 && args[0].equals("init-admin")) {
      out.println(initAdmin(addresses(args[1]), Path.of(args[2])));
      exit = 0;
    } else if ((args.length == 3 || args.length == 4) && args[0].equals("status")) {
      List<String> lines = new ArrayList<>(status(addresses(args[1]), Path.of(args[2])));
      String summary = lines.removeLast();
      if (args.length == 4) {
        lines.add(
            String.format(Locale.ROOT, "  %-4s %-21s %-9s %s", "llm", args[3], "", llm(args[3])));
      }
      lines.forEach(out::println);
      out.println(summary);
      exit = summary.equals("every server serves") ? 0 : 1;
    } else {
      System.err.println(
          "usage: ClusterProbe wait SECONDS HOST:PORT,... | init-admin HOST:PORT,... DIR"
              + " | status HOST:PORT,... DIR [LLM_HOST:PORT]");
      exit = 2;
    }
    System.exit(exit);
  }
}
