package dev.raftpad.client.cli;

import dev.raftpad.client.sdk.Edits;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.model.DocumentInfo;
import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.client.sdk.model.DocumentSnapshot;
import dev.raftpad.client.sdk.model.LockInfo;
import dev.raftpad.client.sdk.model.Page;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.review.Suggestions;
import dev.raftpad.document.text.Document;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code raftpad docs ...}: list, create, show, edit, rename, delete, undelete, add-image ({@link
 * AddImageCommand}), and sharing ({@link ShareCommands}).
 */
@Command(
    name = "docs",
    description = {
      "Work with documents.",
      "A document is named by its id, by the start of its id (as long as only one id starts"
          + " so), or by its title."
    },
    subcommands = {
      DocsCommand.ListDocs.class,
      DocsCommand.Create.class,
      DocsCommand.Show.class,
      DocsCommand.Edit.class,
      DocsCommand.Rename.class,
      DocsCommand.Delete.class,
      DocsCommand.Undelete.class,
      AddImageCommand.class,
      ShareCommands.Share.class,
      ShareCommands.Unshare.class,
      ShareCommands.Access.class,
      ShareCommands.Transfer.class
    })
final class DocsCommand {
  static String describe(DocumentInfo d) {
    return String.format(
        "%-36s  %-30s  %-9s  rev %-6d %7d chars%s%s%s",
        d.id(),
        d.title(),
        AccessText.role(d.yourRole()),
        d.revision(),
        d.length(),
        d.yourRole() == DocumentRole.OWNER
            ? ""
            : d.owner().map(o -> "  owner " + o.username()).orElse(""),
        d.lock().map(l -> "  locked by " + l.holder().username()).orElse(""),
        d.deleted()
            ? "  (in the trash until " + d.purgeAt().map(LocalTimes::format).orElse("?") + ")"
            : "");
  }

  @Command(name = "list", description = "List documents (every page).")
  static final class ListDocs implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--deleted", description = "include documents in the trash")
    boolean deleted;

    @Option(names = "--stale", description = "let any node answer from its own state")
    boolean stale;

    @Option(
        names = "--all",
        description =
            "every document's title and owner, shared with you or not (admins only; to find an"
                + " orphaned document and transfer it)")
    boolean every;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      RaftpadClient client = cli.signedIn();
      List<DocumentInfo> all = new ArrayList<>();
      String token = "";
      do {
        Page<DocumentInfo> page =
            every
                ? client.documents().listForAdmin(deleted, 0, token)
                : client.documents().list(deleted, 0, token, stale);
        all.addAll(page.items());
        token = page.nextPageToken().orElse("");
      } while (!token.isEmpty());
      cli.output()
          .print(
              all,
              list ->
                  list.isEmpty()
                      ? "no documents yet: " + cli.runtime.invocation.command("docs create <title>")
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

    @Parameters(
        index = "0",
        paramLabel = DocumentRefs.LABEL,
        description = DocumentRefs.DESCRIPTION)
    String document;

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
              .get(
                  cli.document(document),
                  revision == null ? OptionalLong.empty() : OptionalLong.of(revision),
                  stale);
      // The text exactly as it is (print adds a newline only where the text has none), so that
      // `docs show X > f` then `docs edit X --file f` changes nothing.
      cli.output()
          .print(
              new Shown(snapshot.info(), snapshot.revision(), snapshot.content().text()),
              shown -> withoutFinalNewline(shown.text()));
      return ExitCodes.OK;
    }
  }

  /** Where the new text of an edit comes from; none given opens the editor. */
  static final class EditSource {
    @Option(
        names = "--append",
        description = "add this text at the end, on a line of its own (as echo TEXT >> FILE)")
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
    /** How long an edit waits for a cluster that is away (a failover, a lost quorum). */
    static final java.time.Duration PATIENCE = java.time.Duration.ofMinutes(2);

    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = DocumentRefs.LABEL,
        description = DocumentRefs.DESCRIPTION)
    String document;

    @ArgGroup(exclusive = true)
    EditSource source;

    @Option(
        names = "--suggest",
        description =
            "make the change as a suggestion (what a commenter may do): an editor accepts or"
                + " rejects it")
    boolean suggest;

    @Override
    public Integer call() throws Exception {
      RaftpadCli cli = RaftpadCli.of(spec);
      RaftpadClient client = cli.signedIn();
      String id = cli.document(document);
      DocumentSnapshot read = client.documents().get(id);
      // Before the editor opens: finding out after the user wrote their text is too late.
      refuseIfLockedByAnother(read.info(), cli.signedInAs().orElse(""));
      String before = read.content().text();
      TextSources.Edited edited = null;
      String after;
      if (source != null && source.append != null) {
        after = TextSources.append(before, source.append);
      } else if (source != null && source.file != null) {
        after = TextSources.file(source.file);
      } else if (source != null && source.patch != null) {
        after = TextSources.patch(before, source.patch);
      } else {
        edited = TextSources.editor(cli.runtime.invocation.editor(), before);
        after = edited.text();
      }
      Edited result;
      try {
        result = submit(client, id, read, after, suggest);
      } catch (RuntimeException e) {
        if (edited != null) {
          throw new TextKeptException(e, edited.file()); // never lose what the user wrote
        }
        throw e;
      }
      if (edited != null) {
        edited.discard();
      }
      cli.output()
          .print(
              result, e -> e.changed() ? "saved as revision " + e.revision() : "nothing changed");
      return ExitCodes.OK;
    }

    private static Edited submit(
        RaftpadClient client, String id, DocumentSnapshot read, String after, boolean suggest) {
      long base = read.revision();
      // A plain-text diff: its retains keep the formatting of the text that stays.
      Operation change = Document.of(read.content().text()).diffTo(Document.of(after));
      if (change.isIdentity()) {
        return new Edited(id, base, base, false);
      }
      if (suggest) {
        String suggestion = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        change = Suggestions.suggest(change, read.content(), suggestion, unused -> false);
      }
      Edits.Submitted submitted =
          MergingSubmit.submit(client, id, read.content(), base, change, PATIENCE);
      return new Edited(id, base, submitted.revision(), true);
    }
  }

  /**
   * Refuses as the cluster would (same reason, same sentence) when someone else holds the lock. The
   * cluster still judges the edit itself: a lock taken after this check is refused there.
   */
  static void refuseIfLockedByAnother(DocumentInfo info, String me) {
    Optional<LockInfo> lock = info.lock();
    if (lock.isPresent() && !lock.get().holder().username().equals(me)) {
      throw new RaftpadException(
          RaftpadException.Reason.DOCUMENT_LOCKED,
          "'" + info.title() + "' is locked by " + lock.get().holder().username(),
          Map.of(
              "holder",
              lock.get().holder().username(),
              "expires_at",
              lock.get().expiresAt().toString()),
          null);
    }
  }

  static String withoutFinalNewline(String text) {
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }

  @Command(name = "rename", description = "Change a document's title.")
  static final class Rename implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = DocumentRefs.LABEL,
        description = DocumentRefs.DESCRIPTION)
    String document;

    @Parameters(index = "1", description = "the new title")
    String title;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      cli.output()
          .print(
              cli.signedIn().documents().rename(cli.document(document), title),
              DocsCommand::describe);
      return ExitCodes.OK;
    }
  }

  @Command(name = "delete", description = "Move a document to the trash (restorable for 30 days).")
  static final class Delete implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = DocumentRefs.LABEL,
        description = DocumentRefs.DESCRIPTION)
    String document;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      cli.output()
          .print(cli.signedIn().documents().delete(cli.document(document)), DocsCommand::describe);
      return ExitCodes.OK;
    }
  }

  @Command(name = "undelete", description = "Restore a document from the trash.")
  static final class Undelete implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = DocumentRefs.LABEL,
        description = DocumentRefs.DESCRIPTION)
    String document;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      cli.output()
          .print(
              cli.signedIn().documents().undelete(cli.documentInTrash(document)),
              DocsCommand::describe);
      return ExitCodes.OK;
    }
  }
}
