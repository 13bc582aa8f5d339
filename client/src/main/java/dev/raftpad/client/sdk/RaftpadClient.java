package dev.raftpad.client.sdk;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.sdk.events.EventStream;
import dev.raftpad.client.sdk.events.RaftpadEvent;
import dev.raftpad.client.sdk.internal.CallKind;
import dev.raftpad.client.sdk.internal.Connection;
import dev.raftpad.client.sdk.internal.SubscriptionStream;
import dev.raftpad.client.sdk.internal.Wire;
import dev.raftpad.client.sdk.model.Identity;
import dev.raftpad.client.sdk.model.LoginSession;
import dev.raftpad.client.sdk.model.User;
import dev.raftpad.client.sdk.offline.OfflineStore;
import dev.raftpad.client.sdk.session.DocumentSession;
import dev.raftpad.proto.v1.AccountServiceGrpc;
import dev.raftpad.proto.v1.AccountServiceGrpc.AccountServiceBlockingStub;
import dev.raftpad.proto.v1.LoginRequest;
import dev.raftpad.proto.v1.LogoutRequest;
import dev.raftpad.proto.v1.RegisterRequest;
import dev.raftpad.proto.v1.WhoAmIRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A client of one Raftpad cluster: the entry point of the SDK the CLI and the desktop app share.
 *
 * <p>Give it a few seed addresses; it finds the leader by following NotLeader redirects, keeps the
 * member list fresh from them, and on a node failure retries against the other members with backoff
 * and jitter. Every call has a deadline ({@link ClientOptions}). Writes are retried only when a
 * retry cannot apply them twice. Failures are {@link RaftpadException}s with a reason.
 *
 * <p>Unary calls block (call them off the UI thread); events reach listeners on the event executor.
 * Thread-safe.
 */
public final class RaftpadClient implements AutoCloseable {
  private final Connection connection;
  private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
  private final Documents documents;
  private final Images images;
  private final Edits edits;
  private final Locks locks;
  private final Presence presence;
  private final History history;
  private final Sharing sharing;
  private final Review review;
  private final Ai ai;
  private final Cluster cluster;
  private volatile OfflineStore offlineStore;

  private RaftpadClient(Connection connection) {
    this.connection = connection;
    this.documents = new Documents(connection);
    this.images = new Images(connection);
    this.edits = new Edits(connection);
    this.locks = new Locks(connection);
    this.presence = new Presence(connection);
    this.history = new History(connection);
    this.sharing = new Sharing(connection);
    this.review = new Review(connection);
    this.ai = new Ai(connection);
    this.cluster = new Cluster(connection);
  }

  /** A client starting from {@code seeds}. Opens no connection until the first call. */
  public static RaftpadClient connect(SeedAddresses seeds, ClientOptions options) {
    return new RaftpadClient(
        new Connection(
            seeds.addresses().stream().map(SeedAddresses.Address::toString).toList(), options));
  }

  /** A client starting from comma-separated {@code host:port} seeds, with default options. */
  public static RaftpadClient connect(String seeds) {
    return connect(SeedAddresses.parse(seeds), ClientOptions.defaults());
  }

  // --- Accounts. ------------------------------------------------------------------------------

  /** Creates an account (the first of a cluster is an admin). Not retried once it may have run. */
  public User register(String username, String password, String displayName) {
    return Wire.user(
        accounts(
                CallKind.WRITE_ONCE,
                stub ->
                    stub.register(
                        RegisterRequest.newBuilder()
                            .setUsername(username)
                            .setPassword(password)
                            .setDisplayName(displayName)
                            .build()))
            .getUser());
  }

  /** Signs in; later calls carry the session token. */
  public LoginSession login(String username, String password, String deviceName) {
    var response =
        accounts(
            CallKind.WRITE_ONCE,
            stub ->
                stub.login(
                    LoginRequest.newBuilder()
                        .setUsername(username)
                        .setPassword(password)
                        .setDeviceName(deviceName)
                        .build()));
    connection.token(response.getToken());
    return new LoginSession(
        response.getToken(), Wire.user(response.getUser()), Wire.instant(response.getExpiresAt()));
  }

  /** Uses a token obtained earlier (e.g. stored by the CLI) instead of logging in. */
  public void useToken(String token) {
    connection.token(token);
  }

  /** Ends the session: its locks are released and its presence leaves. */
  public void logout() {
    var unused =
        accounts(
            CallKind.IDEMPOTENT_WRITE, stub -> stub.logout(LogoutRequest.getDefaultInstance()));
    connection.token(null);
  }

  public Identity whoAmI() {
    var response = accounts(CallKind.READ, stub -> stub.whoAmI(WhoAmIRequest.getDefaultInstance()));
    return new Identity(
        Wire.user(response.getUser()), Wire.instant(response.getSessionExpiresAt()));
  }

  // --- Services. ------------------------------------------------------------------------------

  public Documents documents() {
    return documents;
  }

  /** The images of documents: add one (PNG, JPEG, GIF), read one by id. */
  public Images images() {
    return images;
  }

  public Edits edits() {
    return edits;
  }

  public Locks locks() {
    return locks;
  }

  public Presence presence() {
    return presence;
  }

  public History history() {
    return history;
  }

  public Sharing sharing() {
    return sharing;
  }

  /** Comments and suggestions (one client id for this client's comment changes). */
  public Review review() {
    return review;
  }

  public Ai ai() {
    return ai;
  }

  public Cluster cluster() {
    return cluster;
  }

  // --- Live. ----------------------------------------------------------------------------------

  /**
   * Opens a document for editing (blocking: it loads the document). Close the session when done;
   * closing the client closes it too.
   */
  public DocumentSession openDocument(String documentId) {
    DocumentSession session =
        DocumentSession.open(connection, documentId, review, Optional.ofNullable(offlineStore));
    open.add(session);
    return session;
  }

  /**
   * Keeps offline copies of the documents opened from now on in {@code store} (one store per user
   * and cluster): they open from their copy without the network, are edited offline, and a restart
   * goes on from the copy without losing or repeating an edit ({@code DocumentSession}).
   */
  public void useOfflineStore(OfflineStore store) {
    this.offlineStore = store;
  }

  /** The store given to {@link #useOfflineStore}, if any. */
  public Optional<OfflineStore> offlineStore() {
    return Optional.ofNullable(offlineStore);
  }

  /**
   * Subscribes to events of the given documents, resuming each after the revision given for it
   * (documents without one start live).
   */
  public EventStream subscribe(
      List<String> documentIds, Map<String, Long> afterRevision, Consumer<RaftpadEvent> listener) {
    return track(SubscriptionStream.open(connection, documentIds, false, afterRevision, listener));
  }

  /** Subscribes to the events of every document (lifecycle events included). */
  public EventStream subscribeAll(Consumer<RaftpadEvent> listener) {
    return track(SubscriptionStream.open(connection, List.of(), true, Map.of(), listener));
  }

  private EventStream track(EventStream stream) {
    open.add(stream);
    return stream;
  }

  /** The leader's address as this client last learned it. */
  public Optional<String> leader() {
    return connection.tracker().leader();
  }

  /** The members' client addresses as this client last learned them. */
  public List<String> members() {
    return connection.tracker().members();
  }

  /** Closes every session and stream of this client, then its connections. */
  @Override
  public void close() {
    for (AutoCloseable closeable : open) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Closing is best effort; the channels go below anyway.
      }
    }
    connection.close();
  }

  private <T> T accounts(CallKind kind, Function<AccountServiceBlockingStub, T> rpc) {
    return connection.call(
        kind,
        a -> rpc.apply(AccountServiceGrpc.newBlockingStub(a.channel()).withDeadline(a.deadline())));
  }
}
