package dev.raftpad.client.cli;

import dev.raftpad.client.sdk.Edits;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.model.DocumentInfo;
import dev.raftpad.client.sdk.model.DocumentSnapshot;
import dev.raftpad.client.sdk.model.Page;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.text.Document;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code raftpad docs ...}: list, create, show, edit, rename, delete, undelete. */
@Command(
    name = "docs",
    description = "Work with documents.",
    subcommands = {
      DocsCommand.ListDocs.class,
      DocsCommand.Create.class,
      DocsCommand.Show.class,
      DocsCommand.Edit.class,
      DocsCommand.Rename.class,
      DocsCommand.Delete.class,
      DocsCommand.Undelete.class
    })
final class DocsCommand {
  static String describe(DocumentInfo d) {
    return String.format(
        "%-36s  %-30s  rev %-6d %7d chars%s%s",
        d.id(),
        d.title(),
        d.revision(),
        d.length(),
        d.lock().map(l -> "  locked by " + l.holder().username()).orElse(""),
        d.deleted()
            ? "  (in the trash until " + d.purgeAt().map(Object::toString).orElse("?") + ")"
            : "");
  }

  @Command(name = "list", description = "List documents (every page).")
  static final class ListDocs implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--deleted", description = "include documents in the trash")
    boolean deleted;

    @Option(names = "--stale", description = "let any node answer from its own state")
    boolean stale;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      RaftpadClient client = cli.signedIn();
      List<DocumentInfo> all = new ArrayList<>();
      String token = "";
      do {
        Page<DocumentInfo> page = client.documents().list(deleted, 0, token, stale);
        all.addAll(page.items());
        token = page.nextPageToken().orElse("");
      } while (!token.isEmpty());
      cli.output()
          .print(
              all,
              list ->
                  list.isEmpty()
                      ? "no documents yet: raftpad docs create <title>"
                      : String.join("\n", list.stream().map(DocsCommand::describe).toList()));
      return ExitCodes.OK;
    }
  }

  /** Where initial or new text comes from on the command line. */
  static final class TextInput {
    @Option(names = "--text", description = "the text itself")
    String text;

    @Option(names = "--file", description = "a UTF-8 text file")
    Path file;
  }

  @Command(name = "create", description = "Create a document, optionally with initial text.")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", description = "the title (1-200 characters)")
    String title;

    @ArgGroup(exclusive = true)
    TextInput input;

    @Override
    public Integer call() throws Exception {
      RaftpadCli cli = RaftpadCli.of(spec);
      String text = "";
      if (input != null) {
        text = input.text != null ? input.text : TextSources.file(input.file);
      }
      DocumentInfo created = cli.signedIn().documents().create(title, text);
      cli.output().print(created, d -> "created " + d.id() + "  " + d.title());
      return ExitCodes.OK;
    }
  }

  /** What {@code docs show --json} prints. */
  record Shown(DocumentInfo document, long revision, String text) {}

  @Command(name = "show", description = "Print a document's text, at head or at a revision.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", description = "the document id")
    String id;

    @Option(names = "--rev", description = "the revision (default: head)")
    Long revision;

    @Option(names = "--stale", description = "let any node answer from its own state")
    boolean stale;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      DocumentSnapshot snapshot =
          cli.signedIn()
              .documents()
              .get(id, revision == null ? OptionalLong.empty() : OptionalLong.of(revision), stale);
      cli.output()
          .print(
              new Shown(snapshot.info(), snapshot.revision(), snapshot.content().text()),
              Shown::text);
      return ExitCodes.OK;
    }
  }

  /** Where the new text of an edit comes from; none given opens the editor. */
  static final class EditSource {
    @Option(names = "--append", description = "add this text at the end")
    String append;

    @Option(names = "--file", description = "replace the text by this file's (as a diff)")
    Path file;

    @Option(names = "--patch", description = "apply this unified diff (diff -u, git diff)")
    Path patch;

    @Option(names = "--editor", description = "open $VISUAL/$EDITOR on the text (the default)")
    boolean editor;
  }

  /** What an edit did. */
  record Edited(String documentId, long baseRevision, long revision, boolean changed) {}

  @Command(
      name = "edit",
      description =
          "Change a document's text: the change is submitted as a diff against the revision"
              + " read, so it merges with what others type meanwhile. Formatting is kept.")
  static final class Edit implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", description = "the document id")
    String id;

    @ArgGroup(exclusive = true)
    EditSource source;

    @Override
    public Integer call() throws Exception {
      RaftpadCli cli = RaftpadCli.of(spec);
      RaftpadClient client = cli.signedIn();
      DocumentSnapshot read = client.documents().get(id);
      String before = read.content().text();
      String after;
      if (source != null && source.append != null) {
        after = before + source.append;
      } else if (source != null && source.file != null) {
        after = TextSources.file(source.file);
      } else if (source != null && source.patch != null) {
        after = TextSources.patch(before, source.patch);
      } else {
        after = TextSources.editor(before);
      }
      // A plain-text diff: its retains keep the formatting of the text that stays.
      Operation change = Document.of(before).diffTo(Document.of(after));
      if (change.isIdentity()) {
        cli.output()
            .print(new Edited(id, read.revision(), read.revision(), false), e -> "nothing changed");
        return ExitCodes.OK;
      }
      Edits.Submitted submitted =
          client.edits().submit(id, "cli-" + UUID.randomUUID(), 1, read.revision(), change);
      cli.output()
          .print(
              new Edited(id, read.revision(), submitted.revision(), true),
              e -> "saved as revision " + e.revision());
      return ExitCodes.OK;
    }
  }

  @Command(name = "rename", description = "Change a document's title.")
  static final class Rename implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", description = "the document id")
    String id;

    @Parameters(index = "1", description = "the new title")
    String title;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      cli.output().print(cli.signedIn().documents().rename(id, title), DocsCommand::describe);
      return ExitCodes.OK;
    }
  }

  @Command(name = "delete", description = "Move a document to the trash (restorable for 30 days).")
  static final class Delete implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", description = "the document id")
    String id;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      cli.output().print(cli.signedIn().documents().delete(id), DocsCommand::describe);
      return ExitCodes.OK;
    }
  }

  @Command(name = "undelete", description = "Restore a document from the trash.")
  static final class Undelete implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", description = "the document id")
    String id;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      cli.output().print(cli.signedIn().documents().undelete(id), DocsCommand::describe);
      return ExitCodes.OK;
    }
  }
}
