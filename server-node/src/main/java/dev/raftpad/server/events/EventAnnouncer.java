package dev.raftpad.server.events;

import dev.raftpad.codec.OperationCodec;
import dev.raftpad.proto.v1.AccessChanged;
import dev.raftpad.proto.v1.CommentChanged;
import dev.raftpad.proto.v1.DocumentCreated;
import dev.raftpad.proto.v1.DocumentDeleted;
import dev.raftpad.proto.v1.DocumentInfo;
import dev.raftpad.proto.v1.DocumentRenamed;
import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.Lock;
import dev.raftpad.proto.v1.LockAcquired;
import dev.raftpad.proto.v1.LockReleaseReason;
import dev.raftpad.proto.v1.LockReleased;
import dev.raftpad.proto.v1.Mentioned;
import dev.raftpad.proto.v1.OperationCommitted;
import dev.raftpad.proto.v1.PresenceJoined;
import dev.raftpad.proto.v1.PresenceLeft;
import dev.raftpad.proto.v1.User;
import dev.raftpad.server.state.Change;
import dev.raftpad.server.state.DocumentAccess;
import dev.raftpad.server.state.Role;
import dev.raftpad.server.wire.AccessWire;
import dev.raftpad.server.wire.ReviewWire;
import dev.raftpad.server.wire.Timestamps;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns the state's {@link Change}s into the client API's {@link Event}s, the one place that does.
 * Runs on the loop thread as each command is applied, so events keep apply order; building them is
 * skipped entirely while nobody listens — followers serve no streams, and an operation's wire form
 * for nobody would cost the apply path of every edit.
 */
public final class EventAnnouncer implements Consumer<Change> {
  private final Function<String, User> users;
  private final EventSink events;
  private final BooleanSupplier anyoneListening;

  /**
   * @param users a user as others see them, at the time of the change (the state's own view)
   * @param events where events go (the Subscribe hub); must not block
   * @param anyoneListening a cheap test, asked per change
   */
  public EventAnnouncer(
      Function<String, User> users, EventSink events, BooleanSupplier anyoneListening) {
    this.users = users;
    this.events = events;
    this.anyoneListening = anyoneListening;
  }

  @Override
  public void accept(Change change) {
    if (!anyoneListening.getAsBoolean()) {
      return;
    }
    Event event = eventOf(change);
    if (change instanceof Change.AccessChanged c) {
      events.acceptAccessChange(event, c.before());
    } else {
      events.accept(event);
    }
    if (change instanceof Change.ThreadChanged c && !c.mentioned().isEmpty()) {
      events.acceptMention(mentionOf(c, event), c.mentioned());
    }
  }

  private Event mentionOf(Change.ThreadChanged c, Event changed) {
    return Event.newBuilder()
        .setDocumentId(c.documentId())
        .setTime(changed.getTime())
        .setMentioned(
            Mentioned.newBuilder()
                .setThread(changed.getCommentChanged().getThread())
                .setCommentId(c.commentId())
                .setBy(users.apply(c.actorUserId())))
        .build();
  }

  /** The event for one change. */
  Event eventOf(Change change) {
    Event.Builder event = Event.newBuilder().setTime(Timestamps.ofMillis(change.timeMillis()));
    return switch (change) {
      case Change.DocumentChanged c -> {
        DocumentInfo info = info(c);
        switch (c.lifecycle()) {
          case APPEARED -> event.setCreated(DocumentCreated.newBuilder().setDocument(info));
          case RENAMED -> event.setRenamed(DocumentRenamed.newBuilder().setDocument(info));
          case DELETED -> event.setDeleted(DocumentDeleted.newBuilder().setDocument(info));
        }
        yield event.setDocumentId(c.document().getDocumentId()).build();
      }
      case Change.EditCommitted c ->
          event
              .setDocumentId(c.documentId())
              .setOperation(
                  OperationCommitted.newBuilder()
                      .setRevision(c.revision())
                      .setOperation(OperationCodec.toWire(c.operation()))
                      .setAuthor(users.apply(c.userId()))
                      .setClientId(c.clientId())
                      .setClientSeq(c.clientSeq())
                      .addAllSuggestions(
                          c.suggestions().stream().map(s -> ReviewWire.author(s, users)).toList()))
              .build();
      case Change.ThreadChanged c ->
          event
              .setDocumentId(c.documentId())
              .setCommentChanged(
                  CommentChanged.newBuilder()
                      .setThread(ReviewWire.thread(c.thread(), users))
                      .setAction(ReviewWire.action(c.action()))
                      .setActor(users.apply(c.actorUserId()))
                      .setCommentId(c.commentId()))
              .build();
      case Change.AccessChanged c ->
          event
              .setDocumentId(c.documentId())
              .setAccessChanged(
                  AccessChanged.newBuilder()
                      // your_role is the recipient's: the hub sets it per subscriber
                      .setAccess(AccessWire.access(c.documentId(), c.after(), users, Role.NONE))
                      .setChange(AccessWire.change(c.change(), users)))
              .build();
      case Change.LockAcquired c ->
          event
              .setDocumentId(c.documentId())
              .setLocked(
                  LockAcquired.newBuilder()
                      .setLock(
                          Lock.newBuilder()
                              .setDocumentId(c.documentId())
                              .setHolder(users.apply(c.lock().getUserId()))
                              .setAcquiredAt(Timestamps.ofMillis(c.lock().getAcquiredAtMillis()))
                              .setExpiresAt(Timestamps.ofMillis(c.lock().getExpiresAtMillis()))))
              .build();
      case Change.LockReleased c ->
          event
              .setDocumentId(c.documentId())
              .setUnlocked(
                  LockReleased.newBuilder()
                      .setPreviousHolder(users.apply(c.userId()))
                      .setReason(LockReleaseReason.LOCK_RELEASE_REASON_UNLOCKED))
              .build();
      case Change.PresenceChanged c -> {
        User user = users.apply(c.userId());
        if (c.joined()) {
          event.setJoined(PresenceJoined.newBuilder().setUser(user));
        } else {
          event.setLeft(PresenceLeft.newBuilder().setUser(user));
        }
        yield event.setDocumentId(c.documentId()).build();
      }
    };
  }

  private DocumentInfo info(Change.DocumentChanged c) {
    return DocumentInfo.newBuilder()
        .setOwner(users.apply(c.document().getOwnerUserId()))
        .setDocumentId(c.document().getDocumentId())
        .setTitle(c.document().getTitle())
        .setRevision(c.revision())
        .setLength(c.length())
        .setDeleted(c.document().getDeleted())
        .setLinkRole(AccessWire.role(DocumentAccess.of(c.document()).linkRole()))
        .setCreatedAt(Timestamps.ofMillis(c.document().getCreatedAtMillis()))
        .setUpdatedAt(Timestamps.ofMillis(c.document().getUpdatedAtMillis()))
        .build();
  }
}
