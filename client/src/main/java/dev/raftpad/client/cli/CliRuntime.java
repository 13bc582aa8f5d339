package dev.raftpad.client.cli;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.client.sdk.RaftpadClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What one run of the CLI (or one interactive shell) works with: its streams, the credential store,
 * and one lazily opened client that every command of the run shares.
 */
final class CliRuntime implements AutoCloseable {
  static final String DEFAULT_SERVERS = "127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003";

  final BufferedReader in;
  final PrintWriter out;
  final PrintWriter err;

  /** A person at a terminal (not a pipe, a script or a test): prompts, line editing, progress. */
  final boolean terminal;

  final Invocation invocation;

  private RaftpadClient client;
  private String clientServers;
  private Transport clientTransport;

  /**
   * How the CLI reaches the servers.
   *
   * @param ca the CA file to trust, or null for the JDK's trust store
   * @param insecure plaintext (then {@code ca} is null)
   * @param requestId the request id of every call ({@code --request-id}), or null for fresh ones
   */
  record Transport(Path ca, boolean insecure, String requestId) {
    Transport(Path ca, boolean insecure) {
      this(ca, insecure, null);
    }

    Transport withRequestId(String id) {
      return new Transport(ca, insecure, id);
    }

    ClientOptions options() {
      ClientOptions defaults = ClientOptions.defaults().withRequestId(requestId);
      if (insecure) {
        return defaults.insecure();
      }
      return ca == null ? defaults : defaults.withTrustedCa(ca);
    }
  }

  CliRuntime(
      BufferedReader in,
      PrintWriter out,
      PrintWriter err,
      boolean terminal,
      Invocation invocation) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.terminal = terminal;
    this.invocation = invocation;
  }

  /** Thrown when a command needs a session and none is stored. */
  static final class NotSignedInException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotSignedInException(Invocation invocation) {
      super("not signed in: run '" + invocation.command("login <username>") + "' first");
    }
  }

  /** The servers to use: {@code --servers}, else the ones of the stored session, else local. */
  String servers(String option, Path home) {
    if (option != null && !option.isBlank()) {
      return option;
    }
    String env = System.getenv("RAFTPAD_SERVERS");
    if (env != null && !env.isBlank()) {
      return env;
    }
    return stored(home)
        .map(CredentialStore.Saved::servers)
        .filter(s -> !s.isBlank())
        .orElse(DEFAULT_SERVERS);
  }

  /**
   * The transport to use: {@code --insecure} or {@code --ca}, else env {@code RAFTPAD_CA}, else
   * what the stored session used, else TLS trusting the JDK's trust store.
   */
  Transport transport(Path caOption, boolean insecureOption, Path home) {
    if (insecureOption) {
      if (caOption != null) {
        throw new IllegalArgumentException("--insecure turns TLS off; give it or --ca, not both");
      }
      return new Transport(null, true);
    }
    if (caOption != null) {
      return new Transport(caOption, false);
    }
    String env = System.getenv("RAFTPAD_CA");
    if (env != null && !env.isBlank()) {
      return new Transport(Path.of(env), false);
    }
    return stored(home)
        .map(
            saved ->
                new Transport(saved.ca().isBlank() ? null : Path.of(saved.ca()), saved.insecure()))
        .orElse(new Transport(null, false));
  }

  Optional<CredentialStore.Saved> stored(Path home) {
    try {
      return new CredentialStore(home).load();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the stored session: " + e.getMessage(), e);
    }
  }

  /** A client of {@code servers}, signed in with the stored token when there is one. */
  RaftpadClient client(String servers, Transport transport, Path home) {
    if (client == null || !servers.equals(clientServers) || !transport.equals(clientTransport)) {
      if (client != null) {
        client.close();
      }
      client = RaftpadClient.connect(SeedAddresses.parse(servers), transport.options());
      clientServers = servers;
      clientTransport = transport;
      stored(home).ifPresent(saved -> client.useToken(saved.token()));
    }
    return client;
  }

  /** Like {@link #client} but fails with a clear message when nobody is signed in. */
  RaftpadClient signedIn(String servers, Transport transport, Path home) {
    if (stored(home).isEmpty()) {
      throw new NotSignedInException(invocation);
    }
    return client(servers, transport, home);
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
