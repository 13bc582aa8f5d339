package dev.raftpad.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.review.Suggestions;
import dev.raftpad.document.text.Document;
import dev.raftpad.proto.v1.AccessGrantRecord;
import dev.raftpad.proto.v1.AccessRole;
import dev.raftpad.proto.v1.ChangeAccessCommand;
import dev.raftpad.proto.v1.Command;
import dev.raftpad.proto.v1.CommentAction;
import dev.raftpad.proto.v1.CommentCommand;
import dev.raftpad.proto.v1.CommentThreadRecord;
import dev.raftpad.proto.v1.CreateDocumentCommand;
import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.RegisterUserCommand;
import dev.raftpad.proto.v1.ResolveSuggestionsCommand;
import dev.raftpad.proto.v1.SubmitOperationCommand;
import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.SnapshotMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Comments and suggestions as the state machine applies them (ADR 0012): the role rules, anchors
 * moved at apply time, exactly once, replicas fed the same log byte-identical, the snapshot round
 * trip, and commands of format 4 replaying as they were.
 */
class ReviewStateTest {
  private static final List<String> USERS =
      List.of("admin", "owner", "editor", "commenter", "viewer");

  private final List<Change> changes = new ArrayList<>();
  private long index;

  private static byte[] command(long time, Command.Builder command, int formatVersion) {
    return command.setTimeMillis(time).setFormatVersion(formatVersion).build().toByteArray();
  }

  private CommandResult<?> apply(CollabState state, Command.Builder command) {
    index++;
    return state.apply(index, command(index, command, FormatVersion.CURRENT));
  }

  private CollabState stateWithDocument(String text) {
    CollabState state = new CollabState();
    state.onChange(changes::add);
    for (String user : USERS) {
      apply(
          state,
          Command.newBuilder()
              .setRegisterUser(RegisterUserCommand.newBuilder().setUserId(user).setUsername(user)));
    }
    apply(
        state,
        Command.newBuilder()
            .setCreateDocument(
                CreateDocumentCommand.newBuilder()
                    .setDocumentId("d")
                    .setTitle("d")
                    .setOwnerUserId("owner")
                    .setInitialContent(OperationCodec.toWire(Operation.insert(0, text)))));
    grant(state, "editor", AccessRole.ACCESS_ROLE_EDITOR);
    grant(state, "commenter", AccessRole.ACCESS_ROLE_COMMENTER);
    grant(state, "viewer", AccessRole.ACCESS_ROLE_VIEWER);
    return state;
  }

  private void grant(CollabState state, String user, AccessRole role) {
    apply(
        state,
        Command.newBuilder()
            .setChangeAccess(
                ChangeAccessCommand.newBuilder()
                    .setDocumentId("d")
                    .setUserId("owner")
                    .setGrant(AccessGrantRecord.newBuilder().setUserId(user).setRole(role))));
  }

  private static Command.Builder edit(String user, long seq, long base, Operation op) {
    return Command.newBuilder()
        .setSubmitOperation(
            SubmitOperationCommand.newBuilder()
                .setDocumentId("d")
                .setUserId(user)
                .setClientId("c-" + user)
                .setClientSeq(seq)
                .setBaseRevision(base)
                .setOperation(OperationCodec.toWire(op)));
  }

  private static Command.Builder comment(
      String user, long seq, CommentAction action, CommentCommand.Builder details) {
    return Command.newBuilder()
        .setComment(
            details
                .setDocumentId("d")
                .setUserId(user)
                .setClientId("cc-" + user)
                .setClientSeq(seq)
                .setAction(action));
  }

  private static Command.Builder startThread(String user, long seq, long base, int start, int end) {
    return comment(
        user,
        seq,
        CommentAction.COMMENT_ACTION_START,
        CommentCommand.newBuilder()
            .setText("look at this, @editor")
            .setBaseRevision(base)
            .setStart(start)
            .setEnd(end));
  }

  private static Command.Builder resolveSuggestions(
      String user, long seq, boolean accept, String... ids) {
    return Command.newBuilder()
        .setResolveSuggestions(
            ResolveSuggestionsCommand.newBuilder()
                .setDocumentId("d")
                .setUserId(user)
                .setClientId("r-" + user)
                .setClientSeq(seq)
                .addAllSuggestionIds(List.of(ids))
                .setAccept(accept));
  }

  private static ErrorReason refusal(CommandResult<?> result) {
    assertThat(result).isInstanceOf(CommandResult.Refused.class);
    return ((CommandResult.Refused<?>) result).reason();
  }

  private static <T> T applied(CommandResult<T> result) {
    assertThat(result).isInstanceOf(CommandResult.Applied.class);
    return ((CommandResult.Applied<T>) result).value();
  }

  @SuppressWarnings("unchecked")
  private static CommentResult commentResult(CommandResult<?> result) {
    return applied((CommandResult<CommentResult>) result);
  }

  private static String text(CollabState state) {
    return state.documentLog("d").head().text();
  }

  @Test
  void aCommentsAnchorMovesWithEveryEditAndDetachesWhenItsTextIsGone() {
    CollabState state = stateWithDocument("hello world");
    CommentResult started = commentResult(apply(state, startThread("commenter", 1, 1, 6, 11)));
    assertThat(started.thread().getQuotedText()).isEqualTo("world");

    apply(state, edit("editor", 1, 1, Operation.insert(0, ">> "))); // before: moves right
    apply(state, edit("editor", 2, 2, Operation.insert(9, "big "))); // at its edge: stays outside
    CommentThreadRecord thread = state.commentThreads("d").get(0);
    assertThat(text(state).substring(thread.getStart(), thread.getEnd())).isEqualTo("world");

    apply(state, edit("editor", 3, 3, Operation.delete(thread.getStart(), 5)));
    thread = state.commentThreads("d").get(0);
    assertThat(thread.getDetached()).isTrue();
    assertThat(thread.getQuotedText()).isEqualTo("world");
  }

  @Test
  void aThreadStartedOnAnOldRevisionIsAnchoredWhereThatTextIsNow() {
    CollabState state = stateWithDocument("hello world");
    apply(state, edit("editor", 1, 1, Operation.insert(0, "oh, "))); // revision 2

    CommentResult started = commentResult(apply(state, startThread("editor", 1, 1, 0, 5)));

    assertThat(started.thread().getStart()).isEqualTo(4);
    assertThat(started.thread().getQuotedText()).isEqualTo("hello");
    assertThat(refusal(apply(state, startThread("editor", 2, 9, 0, 5))))
        .isEqualTo(ErrorReason.ERROR_REASON_REVISION_IN_FUTURE);
    assertThat(refusal(apply(state, startThread("editor", 3, 2, 4, 4))))
        .as("an empty range")
        .isEqualTo(ErrorReason.ERROR_REASON_INVALID_FIELD);
    assertThat(refusal(apply(state, startThread("editor", 4, 2, 0, 99))))
        .isEqualTo(ErrorReason.ERROR_REASON_INVALID_FIELD);
  }

  @Test
  void rolesAndAuthorshipDecideWhoChangesWhat() {
    CollabState state = stateWithDocument("hello world");
    assertThat(refusal(apply(state, startThread("viewer", 1, 1, 0, 5))))
        .isEqualTo(ErrorReason.ERROR_REASON_NOT_ALLOWED);
    CommentResult started = commentResult(apply(state, startThread("commenter", 1, 1, 0, 5)));
    String thread = started.thread().getThreadId();
    String first = started.commentId();

    assertThat(
            refusal(
                apply(
                    state,
                    comment(
                        "editor",
                        1,
                        CommentAction.COMMENT_ACTION_EDIT,
                        CommentCommand.newBuilder()
                            .setThreadId(thread)
                            .setCommentId(first)
                            .setText("mine now")))))
        .isEqualTo(ErrorReason.ERROR_REASON_NOT_COMMENT_AUTHOR);
    CommentResult reply =
        commentResult(
            apply(
                state,
                comment(
                    "editor",
                    2,
                    CommentAction.COMMENT_ACTION_REPLY,
                    CommentCommand.newBuilder().setThreadId(thread).setText("agreed"))));
    assertThat(
            refusal(
                apply(
                    state,
                    comment(
                        "commenter",
                        2,
                        CommentAction.COMMENT_ACTION_DELETE,
                        CommentCommand.newBuilder()
                            .setThreadId(thread)
                            .setCommentId(reply.commentId())))))
        .as("only the author or the owner deletes")
        .isEqualTo(ErrorReason.ERROR_REASON_NOT_COMMENT_AUTHOR);
    CommentResult deleted =
        commentResult(
            apply(
                state,
                comment(
                    "owner",
                    1,
                    CommentAction.COMMENT_ACTION_DELETE,
                    CommentCommand.newBuilder()
                        .setThreadId(thread)
                        .setCommentId(reply.commentId()))));
    assertThat(deleted.thread().getComments(1).getDeleted()).isTrue();
    assertThat(deleted.thread().getComments(1).getText()).isEmpty();

    CommentResult resolved =
        commentResult(
            apply(
                state,
                comment(
                    "commenter",
                    3,
                    CommentAction.COMMENT_ACTION_RESOLVE,
                    CommentCommand.newBuilder().setThreadId(thread))));
    assertThat(resolved.thread().getResolved()).isTrue();
    assertThat(resolved.thread().getResolvedByUserId()).isEqualTo("commenter");
    CommentResult wholeThread =
        commentResult(
            apply(
                state,
                comment(
                    "commenter",
                    4,
                    CommentAction.COMMENT_ACTION_DELETE,
                    CommentCommand.newBuilder().setThreadId(thread).setCommentId(first))));
    assertThat(wholeThread.thread().getDeleted()).isTrue();
    assertThat(
            refusal(
                apply(
                    state,
                    comment(
                        "editor",
                        3,
                        CommentAction.COMMENT_ACTION_REPLY,
                        CommentCommand.newBuilder().setThreadId(thread).setText("hello?")))))
        .isEqualTo(ErrorReason.ERROR_REASON_COMMENT_NOT_FOUND);
  }

  @Test
  void commentChangesAndDecisionsAreTheDocumentsReviewHistory() {
    CollabState state = stateWithDocument("hello world");
    Document head = state.documentLog("d").head();
    applied(apply(state, startThread("commenter", 1, 1, 6, 11)));
    applied(
        apply(
            state,
            edit(
                "editor",
                1,
                1,
                Suggestions.suggest(Operation.delete(0, 6), head, "e1", x -> false))));
    applied(apply(state, resolveSuggestions("editor", 1, false, "e1")));
    applied(apply(state, startThread("commenter", 1, 1, 6, 11))); // a retry: no new entry

    assertThat(state.reviewActivity("d"))
        .satisfiesExactly(
            started -> {
              assertThat(started.getActorUserId()).isEqualTo("commenter");
              assertThat(started.getComment().getAction())
                  .isEqualTo(CommentAction.COMMENT_ACTION_START);
              assertThat(started.getComment().getQuotedText()).isEqualTo("world");
            },
            rejected -> {
              assertThat(rejected.getActorUserId()).isEqualTo("editor");
              assertThat(rejected.getSuggestions().getAccepted()).isFalse();
              assertThat(rejected.getSuggestions().getSuggestionIdsList()).containsExactly("e1");
            });
  }

  @Test
  void aRetriedCommentCommandIsAppliedOnceAndAnswersWhatItDid() {
    CollabState state = stateWithDocument("hello world");
    CommentResult first = commentResult(apply(state, startThread("editor", 1, 1, 0, 5)));
    CommentResult retry = commentResult(apply(state, startThread("editor", 1, 1, 0, 5)));

    assertThat(retry.duplicate()).isTrue();
    assertThat(retry.thread().getThreadId()).isEqualTo(first.thread().getThreadId());
    assertThat(retry.commentId()).isEqualTo(first.commentId());
    assertThat(state.commentThreads("d")).hasSize(1);
    assertThat(refusal(apply(state, startThread("editor", 0, 1, 0, 5))))
        .isEqualTo(ErrorReason.ERROR_REASON_INVALID_FIELD);
  }

  @Test
  void mentionsNameExistingUsersOtherThanTheAuthor() {
    CollabState state = stateWithDocument("hello world");
    changes.clear();
    apply(
        state,
        comment(
            "commenter",
            1,
            CommentAction.COMMENT_ACTION_START,
            CommentCommand.newBuilder()
                .setText("@Editor and @owner. and @nobody and @commenter, and mail@viewer")
                .setBaseRevision(1)
                .setStart(0)
                .setEnd(5)));

    Change.ThreadChanged change =
        changes.stream()
            .filter(Change.ThreadChanged.class::isInstance)
            .map(Change.ThreadChanged.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(change.mentioned()).containsExactly("editor", "owner");
  }

  @Test
  void aCommenterOnlySuggestsAndAnEditorAcceptsOrRejects() {
    CollabState state = stateWithDocument("hello world");
    Document head = state.documentLog("d").head();
    Operation typing = Operation.builder().retain(6).delete(5).insert("there").build();

    assertThat(refusal(apply(state, edit("commenter", 1, 1, typing))))
        .isEqualTo(ErrorReason.ERROR_REASON_NOT_ALLOWED);
    assertThat(
            refusal(
                apply(
                    state,
                    edit("viewer", 1, 1, Suggestions.suggest(typing, head, "v1", id -> true)))))
        .isEqualTo(ErrorReason.ERROR_REASON_NOT_ALLOWED);
    applied(
        apply(
            state, edit("commenter", 2, 1, Suggestions.suggest(typing, head, "s1", id -> false))));
    assertThat(text(state)).isEqualTo("hello worldthere");
    assertThat(state.suggestion("d", "s1").orElseThrow().getAuthorUserId()).isEqualTo("commenter");

    // The editor suggests too; that suggestion is not the commenter's to extend.
    Document now = state.documentLog("d").head();
    applied(
        apply(
            state,
            edit(
                "editor",
                1,
                2,
                Suggestions.suggest(Operation.insert(0, "Oh, "), now, "e1", id -> false))));
    assertThat(
            refusal(
                apply(
                    state,
                    edit(
                        "commenter",
                        3,
                        3,
                        Operation.insert(
                            0, "x", Attributes.builder().suggestedInsert("e1").build())))))
        .isEqualTo(ErrorReason.ERROR_REASON_NOT_ALLOWED);
    assertThat(refusal(apply(state, resolveSuggestions("commenter", 1, true, "s1"))))
        .isEqualTo(ErrorReason.ERROR_REASON_NOT_ALLOWED);

    applied(apply(state, resolveSuggestions("editor", 1, true, "s1")));
    assertThat(text(state)).isEqualTo("Oh, hello there");
    CommandResult<?> retried = apply(state, resolveSuggestions("editor", 1, true, "s1"));
    assertThat(retried).isInstanceOf(CommandResult.Applied.class);
    assertThat(((CommandResult.Applied<?>) retried).value())
        .isEqualTo(new EditResult(state.documentLog("d").headRevision(), true));
    assertThat(refusal(apply(state, resolveSuggestions("editor", 2, true, "s1"))))
        .isEqualTo(ErrorReason.ERROR_REASON_SUGGESTION_NOT_FOUND);
    applied(apply(state, resolveSuggestions("editor", 3, false)));
    assertThat(text(state)).isEqualTo("hello there");
  }

  @Test
  void aDocumentHoldsBoundedThreadsAndAThreadBoundedComments() {
    CollabState state = stateWithDocument("hello world");
    for (int i = 1; i <= Comments.MAX_THREADS; i++) {
      applied(apply(state, startThread("editor", i, 1, 0, 5)));
    }
    assertThat(refusal(apply(state, startThread("editor", Comments.MAX_THREADS + 1, 1, 0, 5))))
        .isEqualTo(ErrorReason.ERROR_REASON_TOO_LARGE);
    for (int i = 2; i <= Comments.MAX_COMMENTS_PER_THREAD; i++) {
      applied(
          apply(
              state,
              comment(
                  "commenter",
                  i,
                  CommentAction.COMMENT_ACTION_REPLY,
                  CommentCommand.newBuilder().setThreadId("t1").setText("again " + i))));
    }
    assertThat(
            refusal(
                apply(
                    state,
                    comment(
                        "commenter",
                        Comments.MAX_COMMENTS_PER_THREAD + 1,
                        CommentAction.COMMENT_ACTION_REPLY,
                        CommentCommand.newBuilder().setThreadId("t1").setText("one more")))))
        .isEqualTo(ErrorReason.ERROR_REASON_TOO_LARGE);
  }

  @Test
  void formatFourCommandsReplayAsTheyWere() {
    CollabState state = stateWithDocument("hello");
    Document head = state.documentLog("d").head();
    index++;
    // In format 4 a commenter could not edit at all, suggestion or not.
    CommandResult<?> old =
        state.apply(
            index,
            command(
                index,
                edit(
                    "commenter",
                    1,
                    1,
                    Suggestions.suggest(Operation.insert(0, "x"), head, "s", id -> false)),
                FormatVersion.ACCESS_CONTROL));
    assertThat(refusal(old)).isEqualTo(ErrorReason.ERROR_REASON_NOT_ALLOWED);
  }

  @Test
  void replicasFedTheSameLogEndByteIdenticalAndTheSnapshotRoundTrips() {
    Random random = new Random(18);
    List<byte[]> log = new ArrayList<>();
    CollabState recorder = stateWithDocument("The quick brown fox jumps over the lazy dog.\n");
    // Record a random mix of edits, suggestions, resolutions and comment changes as one log.
    List<String> people = List.of("owner", "editor", "commenter", "viewer");
    long[] seqs = new long[people.size()];
    for (int step = 0; step < 300; step++) {
      int who = random.nextInt(people.size());
      String user = people.get(who);
      long seq = ++seqs[who];
      Document head = recorder.documentLog("d").head();
      long base = recorder.documentLog("d").headRevision();
      int length = head.length();
      Command.Builder command =
          switch (random.nextInt(6)) {
            case 0 -> {
              int at = random.nextInt(length + 1);
              yield edit(user, seq, base, Operation.insert(at, "w" + step + " "));
            }
            case 1 -> {
              int at = random.nextInt(Math.max(1, length - 3));
              Operation typing =
                  random.nextBoolean()
                      ? Operation.delete(at, Math.min(3, length - at))
                      : Operation.insert(at, "s" + step);
              yield edit(
                  user,
                  seq,
                  base,
                  Suggestions.suggest(typing, head, user + step, id -> id.startsWith(user)));
            }
            case 2 -> resolveSuggestions(user, seq, random.nextBoolean());
            case 3 -> {
              int start = random.nextInt(Math.max(1, length - 5));
              yield startThread(user, seq, base, start, start + 1 + random.nextInt(4));
            }
            case 4 ->
                comment(
                    user,
                    seq,
                    CommentAction.COMMENT_ACTION_REPLY,
                    CommentCommand.newBuilder()
                        .setThreadId("t" + (1 + random.nextInt(5)))
                        .setText("re " + step));
            default ->
                comment(
                    user,
                    seq,
                    random.nextBoolean()
                        ? CommentAction.COMMENT_ACTION_RESOLVE
                        : CommentAction.COMMENT_ACTION_DELETE,
                    CommentCommand.newBuilder()
                        .setThreadId("t" + (1 + random.nextInt(5)))
                        .setCommentId("t" + (1 + random.nextInt(5)) + "c1"));
          };
      byte[] bytes = command(index + 1, command, FormatVersion.CURRENT);
      log.add(bytes);
      index++;
      recorder.apply(index, bytes);
    }
    long recorded = index;

    CollabState one = stateWithDocumentReplayedFrom(log);
    CollabState two = stateWithDocumentReplayedFrom(log);
    assertThat(one.snapshot().encode())
        .isEqualTo(two.snapshot().encode())
        .isEqualTo(recorder.snapshot().encode());
    assertThat(one.commentThreads("d")).isNotEmpty();

    CollabState restored = new CollabState();
    restored.restore(new SnapshotMeta(recorded, 1, Membership.EMPTY), one.snapshot().encode());
    assertThat(restored.snapshot().encode()).isEqualTo(one.snapshot().encode());
    assertThat(restored.commentThreads("d")).isEqualTo(one.commentThreads("d"));
    // And the restored replica goes on exactly like the others.
    Command.Builder next =
        edit("editor", 10_000, one.documentLog("d").headRevision(), Operation.insert(0, "z"));
    one.apply(recorded + 1, command(recorded + 1, next, FormatVersion.CURRENT));
    restored.apply(recorded + 1, command(recorded + 1, next, FormatVersion.CURRENT));
    assertThat(restored.snapshot().encode()).isEqualTo(one.snapshot().encode());
  }

  private CollabState stateWithDocumentReplayedFrom(List<byte[]> log) {
    long saved = index;
    index = 0;
    CollabState state = stateWithDocument("The quick brown fox jumps over the lazy dog.\n");
    for (byte[] bytes : log) {
      index++;
      state.apply(index, bytes);
    }
    index = saved;
    return state;
  }
}
