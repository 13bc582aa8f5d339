package dev.raftpad.client.sdk.internal;

import com.google.protobuf.Timestamp;
import dev.raftpad.client.sdk.events.RaftpadEvent;
import dev.raftpad.client.sdk.model.ClusterStatus;
import dev.raftpad.client.sdk.model.DocumentInfo;
import dev.raftpad.client.sdk.model.DocumentSnapshot;
import dev.raftpad.client.sdk.model.LockInfo;
import dev.raftpad.client.sdk.model.MemberStatus;
import dev.raftpad.client.sdk.model.NodeRole;
import dev.raftpad.client.sdk.model.OnlineUser;
import dev.raftpad.client.sdk.model.User;
import dev.raftpad.client.sdk.model.Version;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Component;
import dev.raftpad.document.op.Delete;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.Insert;
import dev.raftpad.document.op.ListKind;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Retain;
import dev.raftpad.document.op.Selection;
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
        d.hasPurgeAt() ? Optional.of(instant(d.getPurgeAt())) : Optional.empty());
  }

  public static DocumentSnapshot snapshot(dev.raftpad.proto.v1.GetDocumentResponse r) {
    return new DocumentSnapshot(
        document(r.getDocument()),
        r.getRevision(),
        Document.fromContent(operation(r.getContent())));
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
                operation(o.getOperation()),
                user(o.getAuthor()),
                o.getClientId(),
                o.getClientSeq());
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
          case LIVE, KIND_NOT_SET -> null;
        });
  }

  // --- Operations: the same field-by-field mapping as the server's OperationMapper. -----------

  /**
   * A wire operation as a document operation. Server output is trusted to be well formed; a
   * malformed one fails loudly here rather than corrupting a session.
   */
  public static Operation operation(dev.raftpad.proto.v1.Operation wire) {
    List<Component> components = new ArrayList<>(wire.getComponentsCount());
    for (var c : wire.getComponentsList()) {
      components.add(
          switch (c.getKindCase()) {
            case RETAIN ->
                new Retain(c.getRetain().getCount(), attributes(c.getRetain().getAttributes()));
            case INSERT ->
                new Insert(c.getInsert().getText(), attributes(c.getInsert().getAttributes()));
            case DELETE -> new Delete(c.getDelete().getCount());
            case KIND_NOT_SET -> throw new IllegalArgumentException("empty component from server");
          });
    }
    return Operation.of(components);
  }

  public static dev.raftpad.proto.v1.Operation operation(Operation operation) {
    var wire = dev.raftpad.proto.v1.Operation.newBuilder();
    for (Component component : operation.components()) {
      var c = dev.raftpad.proto.v1.Component.newBuilder();
      switch (component) {
        case Retain r ->
            c.setRetain(
                dev.raftpad.proto.v1.Retain.newBuilder()
                    .setCount(r.count())
                    .setAttributes(attributes(r.attributes())));
        case Insert in ->
            c.setInsert(
                dev.raftpad.proto.v1.Insert.newBuilder()
                    .setText(in.text())
                    .setAttributes(attributes(in.attributes())));
        case Delete d -> c.setDelete(dev.raftpad.proto.v1.Delete.newBuilder().setCount(d.count()));
      }
      wire.addComponents(c);
    }
    return wire.build();
  }

  static Attributes attributes(dev.raftpad.proto.v1.Attributes a) {
    if (a.equals(dev.raftpad.proto.v1.Attributes.getDefaultInstance())) {
      return Attributes.NONE;
    }
    return new Attributes(
        a.hasBold() ? a.getBold() : null,
        a.hasItalic() ? a.getItalic() : null,
        a.hasUnderline() ? a.getUnderline() : null,
        a.hasStrikethrough() ? a.getStrikethrough() : null,
        a.hasCode() ? a.getCode() : null,
        a.hasLink() ? a.getLink() : null,
        a.hasColor() ? a.getColor() : null,
        a.hasHeading() ? heading(a.getHeading()) : null,
        a.hasList() ? list(a.getList()) : null,
        a.hasQuote() ? a.getQuote() : null,
        a.hasCodeBlock() ? a.getCodeBlock() : null);
  }

  private static Heading heading(dev.raftpad.proto.v1.Heading heading) {
    return switch (heading) {
      case HEADING_NONE, UNRECOGNIZED -> Heading.NONE;
      case HEADING_1 -> Heading.H1;
      case HEADING_2 -> Heading.H2;
      case HEADING_3 -> Heading.H3;
    };
  }

  private static ListKind list(dev.raftpad.proto.v1.ListKind list) {
    return switch (list) {
      case LIST_NONE, UNRECOGNIZED -> ListKind.NONE;
      case LIST_BULLET -> ListKind.BULLET;
      case LIST_NUMBERED -> ListKind.NUMBERED;
    };
  }

  static dev.raftpad.proto.v1.Attributes attributes(Attributes a) {
    var wire = dev.raftpad.proto.v1.Attributes.newBuilder();
    if (a.bold() != null) {
      wire.setBold(a.bold());
    }
    if (a.italic() != null) {
      wire.setItalic(a.italic());
    }
    if (a.underline() != null) {
      wire.setUnderline(a.underline());
    }
    if (a.strikethrough() != null) {
      wire.setStrikethrough(a.strikethrough());
    }
    if (a.code() != null) {
      wire.setCode(a.code());
    }
    if (a.link() != null) {
      wire.setLink(a.link());
    }
    if (a.color() != null) {
      wire.setColor(a.color());
    }
    if (a.heading() != null) {
      wire.setHeading(
          switch (a.heading()) {
            case NONE -> dev.raftpad.proto.v1.Heading.HEADING_NONE;
            case H1 -> dev.raftpad.proto.v1.Heading.HEADING_1;
            case H2 -> dev.raftpad.proto.v1.Heading.HEADING_2;
            case H3 -> dev.raftpad.proto.v1.Heading.HEADING_3;
          });
    }
    if (a.list() != null) {
      wire.setList(
          switch (a.list()) {
            case NONE -> dev.raftpad.proto.v1.ListKind.LIST_NONE;
            case BULLET -> dev.raftpad.proto.v1.ListKind.LIST_BULLET;
            case NUMBERED -> dev.raftpad.proto.v1.ListKind.LIST_NUMBERED;
          });
    }
    if (a.quote() != null) {
      wire.setQuote(a.quote());
    }
    if (a.codeBlock() != null) {
      wire.setCodeBlock(a.codeBlock());
    }
    return wire.build();
  }
}
