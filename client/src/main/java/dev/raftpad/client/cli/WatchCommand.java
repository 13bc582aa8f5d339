package dev.raftpad.client.cli;

import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.events.EventStream;
import dev.raftpad.client.sdk.events.RaftpadEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code raftpad watch}: prints events as they happen, until Ctrl-C (or --count events). */
@Command(
    name = "watch",
    description = "Print live events (of the given documents, else of all) until interrupted.")
final class WatchCommand implements java.util.concurrent.Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", description = "document ids (default: all documents)")
  List<String> ids = List.of();

  @Option(names = "--count", description = "stop after this many events")
  Integer count;

  @Override
  public Integer call() throws InterruptedException {
    RaftpadCli cli = RaftpadCli.of(spec);
    RaftpadClient client = cli.signedIn();
    Output output = cli.output();
    CountDownLatch enough = new CountDownLatch(1);
    AtomicInteger seen = new AtomicInteger();
    java.util.function.Consumer<RaftpadEvent> print =
        event -> {
          synchronized (output) {
            output.print(new Printed(event.getClass().getSimpleName(), event), p -> line(event));
          }
          if (count != null && seen.incrementAndGet() >= count) {
            enough.countDown();
          }
        };
    try (EventStream stream =
        ids.isEmpty() ? client.subscribeAll(print) : client.subscribe(ids, Map.of(), print)) {
      enough.await();
      return ExitCodes.OK;
    }
  }

  /** One event in JSON: its kind and its fields. */
  record Printed(String kind, RaftpadEvent event) {}

  static String line(RaftpadEvent event) {
    return switch (event) {
      case RaftpadEvent.OperationCommitted e ->
          e.documentId() + " rev " + e.revision() + " by " + e.author().username();
      case RaftpadEvent.PresenceJoined e -> e.user().username() + " joined " + e.documentId();
      case RaftpadEvent.PresenceLeft e -> e.user().username() + " left " + e.documentId();
      case RaftpadEvent.CursorMoved e ->
          e.documentId() + " " + e.user().username() + "'s cursor at " + e.selection();
      case RaftpadEvent.LockAcquired e ->
          e.documentId() + " locked by " + e.lock().holder().username();
      case RaftpadEvent.LockReleased e -> e.documentId() + " unlocked (" + e.reason() + ")";
      case RaftpadEvent.DocumentCreated e -> "created " + e.document().title();
      case RaftpadEvent.DocumentRenamed e -> "renamed to " + e.document().title();
      case RaftpadEvent.DocumentDeleted e -> "deleted " + e.document().title();
      case RaftpadEvent.Alert e -> "alert " + e.kind() + ": " + e.message();
      case RaftpadEvent.ResyncNeeded e -> e.documentId() + " must be reloaded (" + e.reason() + ")";
      case RaftpadEvent.ConnectionChanged e -> "connection " + e.state();
    };
  }
}
