package dev.raftpad.client.cli;

import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.model.Page;
import dev.raftpad.client.sdk.model.Version;
import dev.raftpad.document.op.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Version history: list, name, diff, restore. */
final class HistoryCommands {
  private HistoryCommands() {}

  static String describe(Version v) {
    String range =
        v.firstRevision() == v.lastRevision()
            ? "rev " + v.firstRevision()
            : "revs " + v.firstRevision() + "-" + v.lastRevision();
    return String.format(
        "%-16s %-12s %s%s",
        range,
        v.author().username(),
        LocalTimes.format(v.endTime()),
        v.name().map(n -> "  \"" + n + "\"").orElse(""));
  }

  @Command(name = "history", description = "A document's versions, newest first.")
  static final class ListVersions implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = DocumentRefs.LABEL,
        description = DocumentRefs.DESCRIPTION)
    String document;

    @Option(names = "--named", description = "only named versions")
    boolean named;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      String id = cli.document(document);
      RaftpadClient client = cli.signedIn();
      List<Version> versions = new ArrayList<>();
      String token = "";
      do {
        Page<Version> page = client.history().listVersions(id, 0, token, named);
        versions.addAll(page.items());
        token = page.nextPageToken().orElse("");
      } while (!token.isEmpty());
      cli.output()
          .print(
              versions,
              list ->
                  list.isEmpty()
                      ? "no versions yet"
                      : String.join("\n", list.stream().map(HistoryCommands::describe).toList()));
      return ExitCodes.OK;
    }
  }

  @Command(name = "version", description = "Name a revision (an empty name removes it).")
  static final class NameVersion implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = DocumentRefs.LABEL,
        description = DocumentRefs.DESCRIPTION)
    String document;

    @Parameters(index = "1", description = "the revision")
    long revision;

    @Parameters(index = "2", description = "the name")
    String name;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      String id = cli.document(document);
      var named = cli.signedIn().history().nameVersion(id, revision, name);
      cli.output().print(named, HistoryCommands::describe);
      return ExitCodes.OK;
    }
  }

  /** What {@code diff --json} prints. */
  record Diffed(String documentId, long from, long to, String marked) {}

  @Command(
      name = "diff",
      description = "What changed between two revisions: {+inserted+} [-deleted-] {~formatted~}.")
  static final class DiffRevisions implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = DocumentRefs.LABEL,
        description = DocumentRefs.DESCRIPTION)
    String document;

    @Parameters(index = "1", description = "the older revision")
    long from;

    @Parameters(index = "2", arity = "0..1", description = "the newer revision (default: head)")
    Long to;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      String id = cli.document(document);
      RaftpadClient client = cli.signedIn();
      long target = to != null ? to : client.documents().info(id).revision();
      var base = client.documents().get(id, OptionalLong.of(from), false).content();
      Operation change = client.history().diff(id, from, target);
      cli.output()
          .print(
              new Diffed(id, from, target, OperationText.render(base, change)),
              d -> DocsCommand.withoutFinalNewline(d.marked()));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "restore",
      description =
          "Make an old revision's text the current one (a new revision, so it can be undone).")
  static final class RestoreRevision implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = DocumentRefs.LABEL,
        description = DocumentRefs.DESCRIPTION)
    String document;

    @Parameters(index = "1", description = "the revision to bring back")
    long revision;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      String id = cli.document(document);
      long now = cli.signedIn().history().restore(id, revision);
      cli.output()
          .print(
              new Restored(id, revision, now),
              r -> "restored revision " + r.restored() + " as revision " + r.revision());
      return ExitCodes.OK;
    }
  }

  record Restored(String documentId, long restored, long revision) {}
}
