package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.model.AccessChange;
import dev.raftpad.client.sdk.model.AccessEntry;
import dev.raftpad.client.sdk.model.DocumentAccess;
import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.client.sdk.model.User;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Share dialog's state: who has access at which role, the link role, the sharing history, and
 * the owner's actions (share, change a role, remove, set link access). Every action is one SDK call
 * in the background; its answer — the access after it — replaces what is shown. UI executor only,
 * except {@link #suggestions}, which completion calls off the UI thread.
 */
public final class ShareViewModel {
  private static final int SUGGESTIONS = 8;

  private final RaftpadClient client;
  private final String documentId;
  private final Threads threads;
  private final ObjectProperty<Optional<User>> owner = new SimpleObjectProperty<>(Optional.empty());
  private final ObservableList<AccessEntry> people = FXCollections.observableArrayList();
  private final ObjectProperty<DocumentRole> linkRole =
      new SimpleObjectProperty<>(DocumentRole.NONE);
  private final ObjectProperty<DocumentRole> yourRole =
      new SimpleObjectProperty<>(DocumentRole.NONE);
  private final ObservableList<String> history = FXCollections.observableArrayList();
  private final StringProperty problem = new SimpleStringProperty("");
  private final BooleanProperty busy = new SimpleBooleanProperty(false);
  private final BooleanBinding canShare =
      Bindings.createBooleanBinding(() -> yourRole.get().canShare(), yourRole);

  public ShareViewModel(RaftpadClient client, String documentId, Threads threads) {
    this.client = client;
    this.documentId = documentId;
    this.threads = threads;
  }

  public String documentId() {
    return documentId;
  }

  public ObjectProperty<Optional<User>> ownerProperty() {
    return owner;
  }

  public ObservableList<AccessEntry> people() {
    return people;
  }

  public ObjectProperty<DocumentRole> linkRoleProperty() {
    return linkRole;
  }

  public ObjectProperty<DocumentRole> yourRoleProperty() {
    return yourRole;
  }

  /** Only the owner changes access; others see it. */
  public BooleanBinding canShareProperty() {
    return canShare;
  }

  /** The sharing changes as sentences, newest first. */
  public ObservableList<String> history() {
    return history;
  }

  /** The last failure as a sentence; empty after a success. */
  public StringProperty problemProperty() {
    return problem;
  }

  public BooleanProperty busyProperty() {
    return busy;
  }

  /**
   * Reads the access and its history. Not busy: the controls wait for the owner's role anyway, and
   * re-reading after a change must not grey them out again.
   */
  public void load() {
    threads.call(
        () -> client.sharing().access(documentId),
        overview -> {
          show(overview.access());
          history.setAll(overview.changes().stream().map(ShareViewModel::sentence).toList());
        },
        this::failed);
  }

  /** Shares with {@code username} at {@code role}, or changes their role. */
  public void share(String username, DocumentRole role) {
    String name = username.strip().toLowerCase(Locale.ROOT);
    if (name.isEmpty()) {
      problem.set("Type the user name of the person to share with.");
      return;
    }
    act(() -> client.sharing().share(documentId, name, role));
  }

  public void remove(String username) {
    act(() -> client.sharing().unshare(documentId, username));
  }

  public void setLinkRole(DocumentRole role) {
    if (role != linkRole.get()) {
      act(() -> client.sharing().setLinkAccess(documentId, role));
    }
  }

  public void transferOwnership(String username) {
    act(() -> client.sharing().transferOwnership(documentId, username));
  }

  /**
   * User names starting with {@code prefix} that do not have access yet, for completion. Blocking:
   * called by the completion's own background thread, never the UI thread.
   */
  public List<String> suggestions(String prefix) {
    String typed = prefix.strip();
    if (typed.isEmpty()) {
      return List.of();
    }
    try {
      return client.sharing().findUsers(typed, SUGGESTIONS).stream().map(User::username).toList();
    } catch (RaftpadException e) {
      return List.of(); // completion is a help, never an error
    }
  }

  private void act(Supplier<DocumentAccess> change) {
    busy.set(true);
    threads.call(
        change,
        access -> {
          show(access);
          load(); // the history gained an entry
        },
        this::failed);
  }

  private void show(DocumentAccess access) {
    busy.set(false);
    problem.set("");
    owner.set(access.owner());
    people.setAll(access.people());
    linkRole.set(access.linkRole());
    yourRole.set(access.yourRole());
  }

  private void failed(RaftpadException failure) {
    busy.set(false);
    problem.set(Problems.describe(failure));
  }

  /** One history line: "2026-12-06 10:15 · ada shared it with grace as Editor". */
  static String sentence(AccessChange change) {
    String who = Users.name(change.actor());
    String subject = change.subject().map(Users::name).orElse("");
    String what =
        switch (change.kind()) {
          case SHARED -> "shared it with " + subject + " as " + Roles.label(change.role());
          case UNSHARED -> "removed " + subject;
          case LINK_ACCESS ->
              "set general access: " + Roles.linkLabel(change.role()).toLowerCase(Locale.ROOT);
          case OWNERSHIP_TRANSFERRED -> "made " + subject + " the owner";
        };
    return HistoryViewModel.TIME.format(change.time()) + " · " + who + " " + what;
  }
}
