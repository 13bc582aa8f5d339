package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.model.LoginSession;
import dev.raftpad.client.sdk.model.User;
import dev.raftpad.client.sdk.offline.OfflineSignIn;
import dev.raftpad.client.sdk.offline.OfflineStore;
import dev.raftpad.desktop.settings.ClusterTrust;
import dev.raftpad.desktop.settings.OfflineStores;
import dev.raftpad.desktop.settings.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * State, validation and actions of the sign-in form. Holds no JavaFX node, so it is tested without
 * the toolkit; the view binds its fields to these properties.
 */
public final class SignInViewModel {
  static final String SERVERS_KEY = "servers";

  /** The field a bad CA file is reported against (Problems words it). */
  static final String CA_FIELD = "ca_file";

  private final Settings settings;
  private final Threads threads;
  private final Connector connector;
  private final Optional<OfflineStores> offline;
  private final StringProperty servers;
  private final StringProperty caFile;
  private final StringProperty username = new SimpleStringProperty("");
  private final StringProperty password = new SimpleStringProperty("");
  private final StringProperty displayName = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final BooleanProperty busy = new SimpleBooleanProperty(false);
  private final StringBinding problem;
  private final BooleanBinding canSignIn;

  /** The local cluster's servers ({@code ./raftpad up}), when nothing else is known. */
  public static final String LOCAL_SERVERS = "127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003";

  /** Makes a client for a server list, trusting a CA file when one is given. */
  @FunctionalInterface
  public interface Connector {
    /**
     * @param seeds comma-separated host:port
     * @param trustedCa the cluster's CA certificate (PEM), when the user named one
     * @throws IllegalArgumentException a CA file that is missing or not a certificate (one line)
     */
    RaftpadClient connect(String seeds, Optional<Path> trustedCa);
  }

  /**
   * @param connector makes a client (it must deliver events on {@code threads.ui()})
   */
  public SignInViewModel(Settings settings, Threads threads, Connector connector) {
    this(settings, threads, connector, LOCAL_SERVERS, "");
  }

  /**
   * @param defaultServers the servers shown before any were remembered (the app passes the
   *     environment's RAFTPAD_SERVERS when set, as {@code ./raftpad up} does)
   * @param defaultCa the CA file shown at first (the app passes RAFTPAD_CA or the remembered one;
   *     empty: the connector's own trust)
   */
  public SignInViewModel(
      Settings settings,
      Threads threads,
      Connector connector,
      String defaultServers,
      String defaultCa) {
    this(settings, threads, connector, defaultServers, defaultCa, Optional.empty());
  }

  /**
   * @param offline where each user's offline copies live: a successful sign-in is remembered there
   *     (the password only as a salted hash), so the same user can sign in while the cluster cannot
   *     be reached and edit the documents they opened before; empty: online only
   */
  public SignInViewModel(
      Settings settings,
      Threads threads,
      Connector connector,
      String defaultServers,
      String defaultCa,
      Optional<OfflineStores> offline) {
    this.offline = offline;
    this.settings = settings;
    this.threads = threads;
    this.connector = connector;
    this.servers = new SimpleStringProperty(settings.get(SERVERS_KEY, defaultServers));
    this.caFile = new SimpleStringProperty(defaultCa);
    this.problem = Bindings.createStringBinding(this::validate, servers, username, password);
    this.canSignIn = problem.isEmpty().and(busy.not());
  }

  public StringProperty serversProperty() {
    return servers;
  }

  /**
   * The cluster's CA certificate file (PEM) to trust, for a cluster whose certificates no public CA
   * signed; empty to use the app's default trust. Remembered after a successful sign-in.
   */
  public StringProperty caFileProperty() {
    return caFile;
  }

  public StringProperty usernameProperty() {
    return username;
  }

  public StringProperty passwordProperty() {
    return password;
  }

  /** Shown to others; the username when left empty. Used by register only. */
  public StringProperty displayNameProperty() {
    return displayName;
  }

  /** What stops the user from signing in, in words; empty when nothing does. */
  public StringBinding problemProperty() {
    return problem;
  }

  /** Why the last attempt failed (cluster unreachable, wrong password...); empty if it did not. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public BooleanProperty busyProperty() {
    return busy;
  }

  public BooleanBinding canSignInProperty() {
    return canSignIn;
  }

  /** Signs in; on success remembers the servers and hands over the signed-in client. */
  public void signIn(Consumer<SignedIn> onSignedIn) {
    attempt(false, onSignedIn);
  }

  /** Creates the account, then signs in with it. */
  public void register(Consumer<SignedIn> onSignedIn) {
    attempt(true, onSignedIn);
  }

  private void attempt(boolean register, Consumer<SignedIn> onSignedIn) {
    if (!canSignIn.get()) {
      return;
    }
    String seeds = servers.get().strip();
    String ca = caFile.get().strip();
    Optional<Path> trustedCa = ca.isEmpty() ? Optional.empty() : Optional.of(Path.of(ca));
    String user = username.get().strip();
    String pass = password.get();
    String shownAs = displayName.get().isBlank() ? user : displayName.get().strip();
    busy.set(true);
    error.set("");
    threads.call(
        () -> {
          RaftpadClient client;
          try {
            client = connector.connect(seeds, trustedCa);
          } catch (IllegalArgumentException e) {
            throw new RaftpadException(
                RaftpadException.Reason.INVALID_FIELD,
                e.getMessage(),
                Map.of("field", CA_FIELD),
                null);
          }
          try {
            if (register) {
              var unused = client.register(user, pass, shownAs);
            }
            LoginSession login = client.login(user, pass, "desktop");
            useOfflineStore(client, seeds, user).ifPresent(store -> remember(store, login, pass));
            return new SignedIn(client, login.user(), seeds, false);
          } catch (RaftpadException e) {
            if (!register && unreachable(e)) {
              Optional<SignedIn> offlineSignIn = signInOffline(client, seeds, user, pass);
              if (offlineSignIn.isPresent()) {
                return offlineSignIn.get();
              }
            }
            client.close();
            throw e;
          } catch (RuntimeException e) {
            client.close();
            throw e;
          }
        },
        signedIn -> {
          busy.set(false);
          password.set("");
          settings.put(SERVERS_KEY, seeds);
          settings.put(ClusterTrust.CA_KEY, ca);
          onSignedIn.accept(signedIn);
        },
        failure -> {
          busy.set(false);
          error.set(Problems.describe(failure));
        });
  }

  /** The cluster did not answer at all (as opposed to answering no). */
  private static boolean unreachable(RaftpadException e) {
    return switch (e.reason()) {
      case UNAVAILABLE, DEADLINE_EXCEEDED, NO_QUORUM -> true;
      default -> false;
    };
  }

  /** Opens the user's offline store and hands it to the client; empty when there is none. */
  private Optional<OfflineStore> useOfflineStore(RaftpadClient client, String seeds, String user) {
    if (offline.isEmpty()) {
      return Optional.empty();
    }
    try {
      OfflineStore store = offline.get().open(seeds, user);
      client.useOfflineStore(store);
      return Optional.of(store);
    } catch (IOException e) {
      return Optional.empty(); // online only: the editor works as before, without copies
    }
  }

  private static void remember(OfflineStore store, LoginSession login, String password) {
    try {
      store.rememberSignIn(OfflineSignIn.of(login.user(), login.token(), password));
    } catch (IOException e) {
      // Offline sign-in will not be offered; nothing else depends on it.
    }
  }

  /**
   * The cluster cannot be reached: a user who signed in here before, with the same password, gets
   * their workspace with the documents they have copies of, and the token the cluster gave them
   * last (the edits go with it once the cluster answers).
   *
   * @throws RaftpadException BAD_CREDENTIALS when the password is not the one remembered
   */
  private Optional<SignedIn> signInOffline(
      RaftpadClient client, String seeds, String user, String password) {
    if (offline.isEmpty()) {
      return Optional.empty();
    }
    Optional<OfflineSignIn> remembered;
    OfflineStore store;
    try {
      store = offline.get().open(seeds, user);
      if (!store.hasSignIn()) {
        return Optional.empty();
      }
      remembered = store.signInOffline(password);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (remembered.isEmpty()) {
      throw new RaftpadException(
          RaftpadException.Reason.BAD_CREDENTIALS,
          "The cluster cannot be reached, and this is not the password you signed in with here.");
    }
    client.useToken(remembered.get().token());
    client.useOfflineStore(store);
    // Its own thread: it may wait as long as the cluster is away.
    var unused =
        Thread.ofVirtual()
            .name("raftpad-sign-in-when-back")
            .start(() -> signInWhenBack(client, store, user, password));
    return Optional.of(new SignedIn(client, remembered.get().user(), seeds, true));
  }

  /**
   * Signs in for real once the cluster answers (in the background), so the edits made offline go
   * with a fresh token even if the remembered one ended meanwhile (closing the app signs out). The
   * streams retry an unknown token a few times before they give up; this tries every second.
   */
  private static void signInWhenBack(
      RaftpadClient client, OfflineStore store, String user, String password) {
    while (true) {
      try {
        remember(store, client.login(user, password, "desktop"), password);
        return;
      } catch (RaftpadException e) {
        if (!unreachable(e)) {
          return; // the password changed meanwhile: the streams will say the login ended
        }
      } catch (RuntimeException e) {
        return; // the client was closed (signed out)
      }
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private String validate() {
    try {
      SeedAddresses.parse(servers.get());
    } catch (IllegalArgumentException e) {
      return "Servers: " + e.getMessage();
    }
    if (username.get().isBlank()) {
      return "Enter your username.";
    }
    if (password.get().isEmpty()) {
      return "Enter your password.";
    }
    return "";
  }

  /**
   * A signed-in client, its user and the servers it was given.
   *
   * @param offline signed in on this computer while the cluster could not be reached (with the
   *     token of the last sign-in here)
   */
  public record SignedIn(RaftpadClient client, User user, String servers, boolean offline) {}
}
