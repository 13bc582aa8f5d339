package dev.raftpad.client.cli;

import dev.raftpad.client.sdk.Ai;
import dev.raftpad.client.sdk.AiCall;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.model.AiEvent;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Selection;
import dev.raftpad.document.text.Document;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code raftpad ai summarize|ask|grammar|improve}: generated text streams to the terminal as it
 * comes; a grammar fix or improved writing is shown as a diff and submitted on request.
 */
@Command(
    name = "ai",
    description =
        "Summaries, answers, grammar fixes and better writing by the cluster's LLM node, streamed.",
    subcommands = {
      AiCommand.Summarize.class,
      AiCommand.Ask.class,
      AiCommand.Grammar.class,
      AiCommand.Improve.class
    })
final class AiCommand {
  /** Which part of the document: all of it, or [from, to) in code points. */
  static final class Range {
    @Option(names = "--from", description = "first code point of a range")
    Integer from;

    @Option(names = "--to", description = "end of the range (exclusive)")
    Integer to;

    Optional<Selection> selection() {
      if (from == null && to == null) {
        return Optional.empty();
      }
      if (from == null || to == null) {
        throw new IllegalArgumentException("--from and --to go together");
      }
      return Optional.of(new Selection(from, to));
    }
  }

  static AiEvent.Completed await(AiCall call) throws InterruptedException {
    try {
      return call.result().get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RaftpadException failure) {
        throw failure;
      }
      throw new IllegalStateException("the AI call failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      call.cancel().run(); // Ctrl-C stops generation on the LLM node too
      throw e;
    }
  }

  /** What {@code ai ... --json} prints. */
  record Answer(
      String documentId, long baseRevision, String text, boolean applied, long revision) {}

  @Command(name = "summarize", description = "Summarize a document (or a range of it).")
  static final class Summarize implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = DocumentRefs.LABEL,
        description = DocumentRefs.DESCRIPTION)
    String document;

    @Option(
        names = {"--rev", "--revision"},
        description = "the revision (default: head)")
    Long revision;

    @picocli.CommandLine.Mixin Range range = new Range();

    @Option(
        names = "--comment",
        description = "also post the summary as the assistant's comment on the summarized text")
    boolean comment;

    @Override
    public Integer call() throws InterruptedException {
      RaftpadCli cli = RaftpadCli.of(spec);
      String id = cli.document(document);
      Output output = cli.output();
      AiCall call =
          cli.signedIn()
              .ai()
              .summarize(
                  id,
                  revision(revision),
                  range.selection(),
                  comment ? Ai.Delivery.AS_COMMENT : Ai.Delivery.PREVIEW,
                  streamTo(output));
      AiEvent.Completed done = await(call);
      int exit = printStreamed(output, id, done);
      done.threadId().ifPresent(thread -> output.text("posted as comment thread " + thread));
      return exit;
    }
  }

  @Command(
      name = "ask",
      description =
          "Ask a question about a document (or a range of it); the answer streams as it comes. A"
              + " document longer than the model's context is read in chunks first.")
  static final class Ask implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = DocumentRefs.LABEL,
        description = DocumentRefs.DESCRIPTION)
    String document;

    @Parameters(index = "1", paramLabel = "QUESTION", description = "the question (quote it)")
    String question;

    @Option(
        names = {"--rev", "--revision"},
        description = "the revision (default: head)")
    Long revision;

    @picocli.CommandLine.Mixin Range range = new Range();

    @Override
    public Integer call() throws InterruptedException {
      RaftpadCli cli = RaftpadCli.of(spec);
      String id = cli.document(document);
      Output output = cli.output();
      AiCall call =
          cli.signedIn()
              .ai()
              .ask(id, question, revision(revision), range.selection(), streamTo(output));
      return printStreamed(output, id, await(call));
    }
  }

  private static OptionalLong revision(Long revision) {
    return revision == null ? OptionalLong.empty() : OptionalLong.of(revision);
  }

  private static Consumer<AiEvent.Token> streamTo(Output output) {
    return token -> output.stream(token.text());
  }

  /** Ends the streamed text's line; with --json, prints the answer as one object. */
  private static int printStreamed(Output output, String id, AiEvent.Completed done) {
    output.text("");
    if (output.json()) {
      output.print(new Answer(id, done.baseRevision(), done.text(), false, 0), a -> "");
    }
    return ExitCodes.OK;
  }

  /**
   * A command whose answer is a change to the text: shown as a diff against the revision read,
   * submitted with --apply.
   */
  abstract static class SuggestionCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = DocumentRefs.LABEL,
        description = DocumentRefs.DESCRIPTION)
    String document;

    @picocli.CommandLine.Mixin Range range = new Range();

    @Option(names = "--apply", description = "submit the change as an edit")
    boolean apply;

    @Option(
        names = "--suggest",
        description =
            "submit the change as the assistant's suggestion, for an editor to accept or reject"
                + " (a commenter may do this)")
    boolean suggest;

    /** Starts the AI call on {@code id}'s head. */
    abstract AiCall start(
        RaftpadClient client, String id, Optional<Selection> selection, Ai.Delivery delivery);

    /** What to print when the model changed nothing. */
    abstract String unchanged();

    @Override
    public Integer call() throws InterruptedException {
      RaftpadCli cli = RaftpadCli.of(spec);
      String id = cli.document(document);
      Output output = cli.output();
      RaftpadClient client = cli.signedIn();
      if (apply && suggest) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--apply edits the text, --suggest proposes the change: not both");
      }
      AiCall call =
          start(
              client,
              id,
              range.selection(),
              suggest ? Ai.Delivery.AS_SUGGESTION : Ai.Delivery.PREVIEW);
      output.text("asking the LLM node...");
      AiEvent.Completed done = await(call);
      Operation suggestion = done.suggestion().orElse(Operation.IDENTITY);
      Document base =
          client.documents().get(id, OptionalLong.of(done.baseRevision()), false).content();
      output.text(OperationText.render(base, suggestion));
      long revision = 0;
      if (apply && !suggestion.isIdentity()) {
        revision =
            client
                .edits()
                .submit(id, "cli-ai-" + UUID.randomUUID(), 1, done.baseRevision(), suggestion)
                .revision();
        output.text("applied as revision " + revision);
      } else if (done.submitted().isPresent()) {
        output.text(
            "suggested as "
                + done.submitted().get().suggestionId()
                + " (revision "
                + done.submitted().get().revision()
                + "): accept or reject it with `suggestions accept|reject`");
      } else if (!suggestion.isIdentity()) {
        output.text("(not applied: --apply submits it as an edit, --suggest as a suggestion)");
      } else {
        output.text(unchanged());
      }
      if (output.json()) {
        output.print(
            new Answer(id, done.baseRevision(), done.text(), revision > 0, revision), a -> "");
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "grammar",
      description =
          "Fix grammar: shows the correction as a diff; --apply submits it as an edit (it merges"
              + " with what others typed meanwhile).")
  static final class Grammar extends SuggestionCommand {
    @Override
    AiCall start(
        RaftpadClient client, String id, Optional<Selection> selection, Ai.Delivery delivery) {
      return client.ai().fixGrammar(id, OptionalLong.empty(), selection, delivery, token -> {});
    }

    @Override
    String unchanged() {
      return "no corrections";
    }
  }

  @Command(
      name = "improve",
      description =
          "Improve the writing (clearer, more concise, same meaning): shows the rewrite as a diff;"
              + " --apply submits it as an edit (it merges with what others typed meanwhile).")
  static final class Improve extends SuggestionCommand {
    @Override
    AiCall start(
        RaftpadClient client, String id, Optional<Selection> selection, Ai.Delivery delivery) {
      return client.ai().improveWriting(id, OptionalLong.empty(), selection, delivery, token -> {});
    }

    @Override
    String unchanged() {
      return "no changes suggested";
    }
  }
}
