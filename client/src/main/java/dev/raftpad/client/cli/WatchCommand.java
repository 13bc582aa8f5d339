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

  @Parameters(
      arity = "0..*",
      paramLabel = DocumentRefs.LABEL,
      description = "documents: ids, starts of ids, or titles (default: all documents)")
  List<String> documents = List.of();

  @Option(names = "--count", description = "stop after this many events")
  Integer count;

  @Override
  public Integer call() throws InterruptedException {
    RaftpadCli cli = RaftpadCli.of(spec);
    RaftpadClient client = cli.signedIn();
    List<String> ids = documents.stream().map(cli::document).toList();
    WatchLines lines = new WatchLines(DocumentRefs.all(client.documents(), false));
    Output output = cli.output();
    CountDownLatch enough = new CountDownLatch(1);
    AtomicInteger seen = new AtomicInteger();
    java.util.function.Consumer<RaftpadEvent> print =
        event -> {
          synchronized (output) {
            output.print(
                new Printed(event.getClass().getSimpleName(), event), p -> lines.line(event));
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
}
