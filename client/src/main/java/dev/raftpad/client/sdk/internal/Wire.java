package dev.raftpad.client.sdk.internal;

import com.google.protobuf.Timestamp;
import dev.raftpad.client.sdk.events.RaftpadEvent;
import dev.raftpad.client.sdk.model.AccessChange;
import dev.raftpad.client.sdk.model.AccessEntry;
import dev.raftpad.client.sdk.model.ClusterStatus;
import dev.raftpad.client.sdk.model.Comment;
import dev.raftpad.client.sdk.model.CommentThread;
import dev.raftpad.client.sdk.model.DocumentAccess;
import dev.raftpad.client.sdk.model.DocumentInfo;
import dev.raftpad.client.sdk.model.DocumentReview;
import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.client.sdk.model.DocumentSnapshot;
import dev.raftpad.client.sdk.model.LockInfo;
import dev.raftpad.client.sdk.model.MemberStatus;
import dev.raftpad.client.sdk.model.NodeRole;
import dev.raftpad.client.sdk.model.OnlineUser;
import dev.raftpad.client.sdk.model.ReviewAction;
import dev.raftpad.client.sdk.model.ReviewActivity;
import dev.raftpad.client.sdk.model.Suggestion;
import dev.raftpad.client.sdk.model.User;
import dev.raftpad.client.sdk.model.Version;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Selection;
import dev.raftpad.document.review.CommentAnchor;
import dev.raftpad.document.text.Document;
import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.MemberRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Generated protobuf types to the SDK's records and back. Protobuf stops here (design rule 4): no
 * public SDK signature mentions a generated type.
 */
public final class Wire {
  private Wire() {}

  public static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  public static User user(dev.raftpad.proto.v1.User u) {
    return new User(u.getUserId(), u.getUsername(), u.getDisplayName(), u.getAdmin(), u.getColor());
  }

  public static LockInfo lock(dev.raftpad.proto.v1.Lock l) {
    return new LockInfo(
        l.getDocumentId(),
        user(l.getHolder()),
        instant(l.getAcquiredAt()),
        instant(l.getExpiresAt()));
  }

  public static DocumentInfo document(dev.raftpad.proto.v1.DocumentInfo d) {
    return new DocumentInfo(
        d.getDocumentId(),
        d.getTitle(),
        d.hasOwner() ? Optional.of(user(d.getOwner())) : Optional.empty(),
        instant(d.getCreatedAt()),
        instant(d.getUpdatedAt()),
        d.getRevision(),
        d.getLength(),
        d.hasLock() ? Optional.of(lock(d.getLock())) : Optional.empty(),
        d.getDeleted(),
        d.hasPurgeAt() ? Optional.of(instant(d.getPurgeAt())) : Optional.empty(),
        role(d.getYourRole()),
        role(d.getLinkRole()));
  }

  public static DocumentRole role(dev.raftpad.proto.v1.DocumentRole role) {
    return switch (role) {
      case DOCUMENT_ROLE_VIEWER -> DocumentRole.VIEWER;
      case DOCUMENT_ROLE_COMMENTER -> DocumentRole.COMMENTER;
      case DOCUMENT_ROLE_EDITOR -> DocumentRole.EDITOR;
      case DOCUMENT_ROLE_OWNER -> DocumentRole.OWNER;
      case DOCUMENT_ROLE_UNSPECIFIED, UNRECOGNIZED -> DocumentRole.NONE;
    };
  }

  public static dev.raftpad.proto.v1.DocumentRole role(DocumentRole role) {
    return switch (role) {
      case NONE -> dev.raftpad.proto.v1.DocumentRole.DOCUMENT_ROLE_UNSPECIFIED;
      case VIEWER -> dev.raftpad.proto.v1.DocumentRole.DOCUMENT_ROLE_VIEWER;
      case COMMENTER -> dev.raftpad.proto.v1.DocumentRole.DOCUMENT_ROLE_COMMENTER;
      case EDITOR -> dev.raftpad.proto.v1.DocumentRole.DOCUMENT_ROLE_EDITOR;
      case OWNER -> dev.raftpad.proto.v1.DocumentRole.DOCUMENT_ROLE_OWNER;
    };
  }

  public static DocumentAccess access(dev.raftpad.proto.v1.DocumentAccess a) {
    return new DocumentAccess(
        a.getDocumentId(),
        a.hasOwner() ? Optional.of(user(a.getOwner())) : Optional.empty(),
        a.getPeopleList().stream()
            .map(p -> new AccessEntry(user(p.getUser()), role(p.getRole())))
            .toList(),
        role(a.getLinkRole()),
        role(a.getYourRole()));
  }

  public static AccessChange accessChange(dev.raftpad.proto.v1.AccessChange c) {
    Instant time = instant(c.getTime());
    User actor = user(c.getActor());
    return switch (c.getChangeCase()) {
      case SHARED ->
          new AccessChange(
              time,
              actor,
              AccessChange.Kind.SHARED,
              Optional.of(user(c.getShared().getUser())),
              role(c.getShared().getRole()));
      case UNSHARED ->
          new AccessChange(
              time,
              actor,
              AccessChange.Kind.UNSHARED,
              Optional.of(user(c.getUnshared())),
              DocumentRole.NONE);
      case LINK_ROLE ->
          new AccessChange(
              time, actor, AccessChange.Kind.LINK_ACCESS, Optional.empty(), role(c.getLinkRole()));
      case NEW_OWNER, CHANGE_NOT_SET ->
          new AccessChange(
              time,
              actor,
              AccessChange.Kind.OWNERSHIP_TRANSFERRED,
              Optional.of(user(c.getNewOwner())),
              DocumentRole.OWNER);
    };
  }

  public static DocumentSnapshot snapshot(dev.raftpad.proto.v1.GetDocumentResponse r) {
    return new DocumentSnapshot(
        document(r.getDocument()),
        r.getRevision(),
        Document.fromContent(OperationCodec.fromWire(r.getContent(), "content")),
        r.hasReview() ? Optional.of(review(r.getReview())) : Optional.empty());
  }

  public static OnlineUser online(dev.raftpad.proto.v1.PresenceEntry e) {
    return new OnlineUser(user(e.getUser()), e.getDocumentIdsList(), instant(e.getSince()));
  }

  public static Version version(dev.raftpad.proto.v1.Version v) {
    return new Version(
        v.getFirstRevision(),
        v.getLastRevision(),
        user(v.getAuthor()),
        instant(v.getStartTime()),
        instant(v.getEndTime()),
        v.getName().isEmpty() ? Optional.empty() : Optional.of(v.getName()));
  }

  public static ClusterStatus cluster(dev.raftpad.proto.v1.ClusterStatus s) {
    List<MemberStatus> members = new ArrayList<>();
    for (var m : s.getMembersList()) {
      members.add(
          new MemberStatus(
              m.getMember().getNodeId(),
              m.getMember().getClientAddress(),
              m.getMember().getRole() != MemberRole.MEMBER_ROLE_LEARNER,
              role(m.getRole()),
              m.getMatchIndex(),
              m.getLag(),
              m.getReachable()));
    }
    return new ClusterStatus(
        s.getClusterId(),
        s.getAnsweringNodeId(),
        s.getLeaderId().isEmpty() ? Optional.empty() : Optional.of(s.getLeaderId()),
        s.getTerm(),
        s.getCommitIndex(),
        s.getAppliedIndex(),
        s.getSnapshotIndex(),
        members);
  }

  private static NodeRole role(dev.raftpad.proto.v1.NodeRole role) {
    return switch (role) {
      case NODE_ROLE_LEADER -> NodeRole.LEADER;
      case NODE_ROLE_FOLLOWER -> NodeRole.FOLLOWER;
      case NODE_ROLE_CANDIDATE -> NodeRole.CANDIDATE;
      case NODE_ROLE_PRE_CANDIDATE -> NodeRole.PRE_CANDIDATE;
      case NODE_ROLE_LEARNER -> NodeRole.LEARNER;
      case NODE_ROLE_UNSPECIFIED, UNRECOGNIZED -> NodeRole.UNKNOWN;
    };
  }

  public static Comment comment(dev.raftpad.proto.v1.Comment c) {
    return new Comment(
        c.getCommentId(),
        user(c.getAuthor()),
        c.getText(),
        instant(c.getCreatedAt()),
        c.hasEditedAt() ? Optional.of(instant(c.getEditedAt())) : Optional.empty(),
        mapped(c.getMentionsList(), Wire::user),
        c.getDeleted(),
        c.getByAssistant());
  }

  public static CommentThread thread(dev.raftpad.proto.v1.CommentThread t) {
    CommentAnchor anchor =
        t.getDetached() || t.getStart() >= t.getEnd()
            ? CommentAnchor.DETACHED
            : CommentAnchor.of(t.getStart(), t.getEnd());
    return new CommentThread(
        t.getThreadId(),
        anchor,
        t.getQuotedText(),
        t.getResolved(),
        t.hasResolvedBy() ? Optional.of(user(t.getResolvedBy())) : Optional.empty(),
        t.hasResolvedAt() ? Optional.of(instant(t.getResolvedAt())) : Optional.empty(),
        mapped(t.getCommentsList(), Wire::comment),
        t.getVersion(),
        t.getDeleted());
  }

  public static Suggestion suggestion(dev.raftpad.proto.v1.Suggestion s) {
    return new Suggestion(
        s.getSuggestionId(),
        s.hasAuthor() ? Optional.of(user(s.getAuthor())) : Optional.empty(),
        s.hasCreatedAt() ? Optional.of(instant(s.getCreatedAt())) : Optional.empty(),
        s.getByAssistant(),
        s.getInsertedText(),
        s.getDeletedText(),
        s.getStart(),
        s.getEnd());
  }

  public static DocumentReview review(dev.raftpad.proto.v1.Review r) {
    return new DocumentReview(
        r.getRevision(),
        r.getReviewVersion(),
        mapped(r.getSuggestionsList(), Wire::suggestion),
        mapped(r.getThreadsList(), Wire::thread),
        mapped(r.getActivityList(), Wire::activity));
  }

  public static ReviewActivity activity(dev.raftpad.proto.v1.ReviewActivity a) {
    Instant time = instant(a.getTime());
    User actor = user(a.getActor());
    return switch (a.getWhatCase()) {
      case COMMENT -> {
        var c = a.getComment();
        ReviewActivity.Kind kind =
            switch (c.getAction()) {
              case REVIEW_ACTION_STARTED -> ReviewActivity.Kind.THREAD_STARTED;
              case REVIEW_ACTION_REPLIED -> ReviewActivity.Kind.REPLIED;
              case REVIEW_ACTION_EDITED -> ReviewActivity.Kind.COMMENT_EDITED;
              case REVIEW_ACTION_DELETED -> ReviewActivity.Kind.COMMENT_DELETED;
              case REVIEW_ACTION_RESOLVED -> ReviewActivity.Kind.THREAD_RESOLVED;
              case REVIEW_ACTION_REOPENED -> ReviewActivity.Kind.THREAD_REOPENED;
              case REVIEW_ACTION_SYNC, REVIEW_ACTION_UNSPECIFIED, UNRECOGNIZED ->
                  ReviewActivity.Kind.UNKNOWN;
            };
        yield new ReviewActivity(
            time, actor, kind, c.getThreadId(), c.getCommentId(), c.getQuotedText(), List.of(), 0);
      }
      case SUGGESTIONS -> {
        var s = a.getSuggestions();
        yield new ReviewActivity(
            time,
            actor,
            s.getDecision() == dev.raftpad.proto.v1.SuggestionDecision.SUGGESTION_DECISION_ACCEPT
                ? ReviewActivity.Kind.SUGGESTIONS_ACCEPTED
                : ReviewActivity.Kind.SUGGESTIONS_REJECTED,
            "",
            "",
            "",
            s.getSuggestionIdsList(),
            s.getRevision());
      }
      case WHAT_NOT_SET ->
          new ReviewActivity(time, actor, ReviewActivity.Kind.UNKNOWN, "", "", "", List.of(), 0);
    };
  }

  public static ReviewAction action(dev.raftpad.proto.v1.ReviewAction a) {
    return switch (a) {
      case REVIEW_ACTION_STARTED -> ReviewAction.STARTED;
      case REVIEW_ACTION_REPLIED -> ReviewAction.REPLIED;
      case REVIEW_ACTION_EDITED -> ReviewAction.EDITED;
      case REVIEW_ACTION_DELETED -> ReviewAction.DELETED;
      case REVIEW_ACTION_RESOLVED -> ReviewAction.RESOLVED;
      case REVIEW_ACTION_REOPENED -> ReviewAction.REOPENED;
      case REVIEW_ACTION_SYNC -> ReviewAction.SYNC;
      case REVIEW_ACTION_UNSPECIFIED, UNRECOGNIZED -> ReviewAction.UNKNOWN;
    };
  }

  public static Selection selection(dev.raftpad.proto.v1.Selection s) {
    return new Selection(s.getAnchor(), s.getHead());
  }

  public static dev.raftpad.proto.v1.Selection selection(Selection s) {
    return dev.raftpad.proto.v1.Selection.newBuilder()
        .setAnchor(s.anchor())
        .setHead(s.head())
        .build();
  }

  /**
   * A server event as an SDK event; empty for the protocol markers (Live, Resync handled by the
   * caller) and for kinds this SDK does not know yet.
   */
  public static Optional<RaftpadEvent> event(Event e) {
    String doc = e.getDocumentId();
    return Optional.ofNullable(
        switch (e.getKindCase()) {
          case OPERATION -> {
            var o = e.getOperation();
            yield new RaftpadEvent.OperationCommitted(
                doc,
                instant(e.getTime()),
                o.getRevision(),
                OperationCodec.fromWire(o.getOperation(), "operation"),
                user(o.getAuthor()),
                o.getClientId(),
                o.getClientSeq(),
                mapped(o.getSuggestionsList(), Wire::suggestion));
          }
          case JOINED -> new RaftpadEvent.PresenceJoined(doc, user(e.getJoined().getUser()));
          case LEFT -> new RaftpadEvent.PresenceLeft(doc, user(e.getLeft().getUser()));
          case CURSOR -> {
            var c = e.getCursor();
            yield new RaftpadEvent.CursorMoved(
                doc,
                user(c.getUser()),
                c.getClientId(),
                c.getRevision(),
                selection(c.getSelection()));
          }
          case LOCKED -> new RaftpadEvent.LockAcquired(doc, lock(e.getLocked().getLock()));
          case UNLOCKED ->
              new RaftpadEvent.LockReleased(
                  doc,
                  user(e.getUnlocked().getPreviousHolder()),
                  e.getUnlocked().getReason().name().replace("LOCK_RELEASE_REASON_", ""));
          case CREATED ->
              new RaftpadEvent.DocumentCreated(doc, document(e.getCreated().getDocument()));
          case RENAMED ->
              new RaftpadEvent.DocumentRenamed(doc, document(e.getRenamed().getDocument()));
          case DELETED ->
              new RaftpadEvent.DocumentDeleted(doc, document(e.getDeleted().getDocument()));
          case ALERT ->
              new RaftpadEvent.Alert(
                  doc,
                  e.getAlert().getKind().name().replace("ALERT_KIND_", ""),
                  e.getAlert().getMessage(),
                  e.getAlert().getNodeId());
          case RESYNC ->
              new RaftpadEvent.ResyncNeeded(
                  doc,
                  e.getResync().getHeadRevision(),
                  e.getResync().getReason().name().replace("RESYNC_REASON_", ""));
          case ACCESS_CHANGED ->
              new RaftpadEvent.AccessChanged(
                  doc,
                  access(e.getAccessChanged().getAccess()),
                  e.getAccessChanged().hasChange()
                      ? Optional.of(accessChange(e.getAccessChanged().getChange()))
                      : Optional.empty());
          case COMMENT_CHANGED -> {
            var c = e.getCommentChanged();
            yield new RaftpadEvent.CommentChanged(
                doc,
                thread(c.getThread()),
                action(c.getAction()),
                c.hasActor() ? Optional.of(user(c.getActor())) : Optional.empty(),
                c.getCommentId());
          }
          case MENTIONED ->
              new RaftpadEvent.Mentioned(
                  doc,
                  thread(e.getMentioned().getThread()),
                  e.getMentioned().getCommentId(),
                  user(e.getMentioned().getBy()));
          // A batch is unpacked by the stream before it gets here (ResumableSubscription).
          case LIVE, BATCH, KIND_NOT_SET -> null;
        });
  }

  /**
   * Each element mapped, in order; an empty list without building a stream (most events carry none,
   * and every client maps every event it receives).
   */
  private static <A, B> List<B> mapped(List<A> wire, java.util.function.Function<A, B> map) {
    if (wire.isEmpty()) {
      return List.of();
    }
    List<B> mapped = new java.util.ArrayList<>(wire.size());
    for (A a : wire) {
      mapped.add(map.apply(a));
    }
    return java.util.Collections.unmodifiableList(mapped);
  }
}
