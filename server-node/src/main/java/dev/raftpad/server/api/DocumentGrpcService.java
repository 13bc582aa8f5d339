package dev.raftpad.server.api;

import dev.raftpad.codec.InvalidInputException;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.history.DocumentLog;
import dev.raftpad.document.op.ImageBytes;
import dev.raftpad.document.text.Document;
import dev.raftpad.proto.v1.AddImageCommand;
import dev.raftpad.proto.v1.AddImageRequest;
import dev.raftpad.proto.v1.AddImageResponse;
import dev.raftpad.proto.v1.CreateDocumentCommand;
import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.CreateDocumentResponse;
import dev.raftpad.proto.v1.DeleteDocumentCommand;
import dev.raftpad.proto.v1.DeleteDocumentRequest;
import dev.raftpad.proto.v1.DeleteDocumentResponse;
import dev.raftpad.proto.v1.DocumentInfo;
import dev.raftpad.proto.v1.DocumentRecord;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.GetDocumentRequest;
import dev.raftpad.proto.v1.GetDocumentResponse;
import dev.raftpad.proto.v1.GetImageRequest;
import dev.raftpad.proto.v1.GetImageResponse;
import dev.raftpad.proto.v1.ImageRecord;
import dev.raftpad.proto.v1.ListDocumentsRequest;
import dev.raftpad.proto.v1.ListDocumentsResponse;
import dev.raftpad.proto.v1.RenameDocumentCommand;
import dev.raftpad.proto.v1.RenameDocumentRequest;
import dev.raftpad.proto.v1.RenameDocumentResponse;
import dev.raftpad.proto.v1.UndeleteDocumentCommand;
import dev.raftpad.proto.v1.UndeleteDocumentRequest;
import dev.raftpad.proto.v1.UndeleteDocumentResponse;
import dev.raftpad.server.state.CommandResult;
import dev.raftpad.server.state.Commands;
import dev.raftpad.server.state.DocumentAccess;
import dev.raftpad.server.state.Role;
import dev.raftpad.server.state.SessionIndex;
import dev.raftpad.server.wire.ReviewWire;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Documents: create, read (at a revision), list (paged), rename, delete to the trash, restore; and
 * their images (add, read).
 */
public final class DocumentGrpcService extends DocumentServiceGrpc.DocumentServiceImplBase {
  static final int DEFAULT_PAGE_SIZE = 100;
  static final int MAX_PAGE_SIZE = 1000;

  private final Replicator replicator;
  private final ImageLimits imageLimits;

  public DocumentGrpcService(Replicator replicator) {
    this(replicator, ImageLimits.DEFAULT);
  }

  public DocumentGrpcService(Replicator replicator, ImageLimits imageLimits) {
    this.replicator = replicator;
    this.imageLimits = imageLimits;
  }

  /**
   * Adds an image to the document's store (issue 22): the bytes are judged here — a PNG, JPEG or
   * GIF of the declared type, within the per-image limit — and the document's total at apply time.
   * While some member runs a version that cannot apply images, the leader adds none (ADR 0017).
   */
  @Override
  public void addImage(AddImageRequest request, StreamObserver<AddImageResponse> response) {
    SessionIndex.Session session = Caller.session();
    String imageId;
    try {
      imageId = acceptedImage(request);
    } catch (InvalidInputException e) {
      response.onError(Statuses.invalid(e));
      return;
    } catch (StatusRuntimeException refused) {
      response.onError(refused);
      return;
    }
    if (replicator.isLeader() && !replicator.everyMemberStoresImages()) {
      response.onError(
          Statuses.refused(
              CommandResult.Refused.of(
                  ErrorReason.ERROR_REASON_UPGRADE_IN_PROGRESS,
                  "a member of the cluster runs an older version that cannot store images (or has"
                      + " not been heard from since it started); try again once every node runs"
                      + " this version")));
      return;
    }
    Replies.fromCommand(
        replicator.propose(
            Commands.addImage(
                AddImageCommand.newBuilder()
                    .setDocumentId(request.getDocumentId())
                    .setUserId(session.userId())
                    .setImageId(imageId)
                    .setMediaType(request.getMediaType())
                    .setData(request.getData())
                    .setMaxDocumentImageBytes(imageLimits.perDocument()))),
        response,
        replicator,
        id -> AddImageResponse.newBuilder().setImageId(id).build());
  }

  /**
   * The id of the request's image once its bytes pass: TOO_LARGE past the per-image limit,
   * INVALID_FIELD for bytes that are no PNG, JPEG or GIF or not of the declared type.
   */
  private String acceptedImage(AddImageRequest request) {
    Inputs.id("document_id", request.getDocumentId());
    if (!ImageBytes.MEDIA_TYPES.contains(request.getMediaType())) {
      throw new InvalidInputException(
          "media_type", "one of " + String.join(", ", ImageBytes.MEDIA_TYPES));
    }
    int size = request.getData().size();
    if (size > imageLimits.perImage()) {
      throw Statuses.refused(
          new CommandResult.Refused<>(
              ErrorReason.ERROR_REASON_TOO_LARGE,
              "the image is "
                  + size
                  + " bytes; an image may be at most "
                  + imageLimits.perImage()
                  + " bytes",
              Map.of(
                  "field",
                  "image",
                  "limit",
                  String.valueOf(imageLimits.perImage()),
                  "actual",
                  String.valueOf(size))));
    }
    byte[] data = request.getData().toByteArray();
    String actual =
        ImageBytes.mediaTypeOf(data)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "data", "is not a PNG, JPEG or GIF image (judged by its first bytes)"));
    if (!actual.equals(request.getMediaType())) {
      throw new InvalidInputException(
          "media_type", "the bytes are " + actual + ", not " + request.getMediaType());
    }
    return ImageBytes.idOf(data);
  }

  /** Reads an image of the document's store (viewers and up). */
  @Override
  public void getImage(GetImageRequest request, StreamObserver<GetImageResponse> response) {
    String userId = Caller.session().userId();
    String documentId = request.getDocumentId();
    String imageId = request.getImageId();
    Replies.from(
        replicator.read(
            state -> {
              Permissions.require(state, documentId, userId, Role.VIEWER);
              ImageRecord image =
                  state
                      .image(documentId, imageId)
                      .orElseThrow(
                          () ->
                              Statuses.refused(
                                  new CommandResult.Refused<>(
                                      ErrorReason.ERROR_REASON_IMAGE_NOT_FOUND,
                                      "no image " + imageId + " in this document",
                                      Map.of("image_id", imageId))));
              return GetImageResponse.newBuilder()
                  .setImageId(image.getImageId())
                  .setMediaType(image.getMediaType())
                  .setData(image.getData())
                  .build();
            },
            request.getAllowStale()),
        response,
        replicator);
  }

  @Override
  public void createDocument(
      CreateDocumentRequest request, StreamObserver<CreateDocumentResponse> response) {
    SessionIndex.Session session = Caller.session();
    try {
      String title = Inputs.text("title", request.getTitle(), 200);
      // Decoded (and validated) once, here; the leader's apply reuses it.
      var create =
          Commands.createDocument(
              CreateDocumentCommand.newBuilder()
                  .setDocumentId(UUID.randomUUID().toString())
                  .setTitle(title)
                  .setOwnerUserId(session.userId())
                  .setInitialContent(request.getInitialContent()));
      // Judged on the sent form: canonical form drops a trailing retain, so retain(3) would
      // otherwise pass as an empty initial text.
      if (OperationCodec.coveredLength(request.getInitialContent()) != 0) {
        throw new InvalidInputException("initial_content", "must contain inserts only");
      }
      var tooLarge = OperationLimits.tooLarge(create.decoded().orElseThrow());
      if (tooLarge.isPresent()) {
        response.onError(tooLarge.get());
        return;
      }
      Replies.fromCommand(
          replicator.propose(create),
          response,
          replicator,
          document ->
              CreateDocumentResponse.newBuilder()
                  .setDocument(info(document, session.userId()))
                  .build());
    } catch (InvalidInputException e) {
      response.onError(Statuses.invalid(e));
    }
  }

  @Override
  public void getDocument(
      GetDocumentRequest request, StreamObserver<GetDocumentResponse> response) {
    String userId = Caller.session().userId();
    String id = request.getDocumentId();
    if (request.getInfoOnly() && request.hasRevision()) {
      response.onError(
          Statuses.invalid(
              new InvalidInputException("revision", "info_only reads the head: leave it out")));
      return;
    }
    long now = replicator.now();
    Replies.from(
        replicator
            .read(
                state -> {
                  Permissions.require(state, id, userId, Role.VIEWER);
                  DocumentLog log = state.documentLog(id);
                  long revision =
                      request.hasRevision() ? request.getRevision() : log.headRevision();
                  GetDocumentResponse.Builder answer =
                      GetDocumentResponse.newBuilder()
                          .setDocument(DocumentInfos.of(state, state.documentMeta(id), now, userId))
                          .setRevision(revision);
                  if (request.getInfoOnly()) {
                    return new DocumentRead(answer, Optional.empty());
                  }
                  Document content = RevisionContent.at(log, revision);
                  if (revision == log.headRevision()) {
                    answer.setReview(ReviewWire.review(state, id));
                  }
                  return new DocumentRead(answer, Optional.of(content));
                },
                request.getAllowStale())
            // The content's encoding grows with the document (tens of milliseconds for a million
            // code points): it is done on a sender thread, from the immutable content read on the
            // Raft loop, so that opening a large document does not stall everyone's edits.
            .thenApplyAsync(DocumentRead::encoded, replicator.senders()),
        response,
        replicator);
  }

  /** What a GetDocument read on the loop: the answer but its content, and that content. */
  private record DocumentRead(GetDocumentResponse.Builder answer, Optional<Document> content) {
    GetDocumentResponse encoded() {
      content.ifPresent(c -> answer.setContent(OperationCodec.toWire(c.asOperation())));
      return answer.build();
    }
  }

  @Override
  public void listDocuments(
      ListDocumentsRequest request, StreamObserver<ListDocumentsResponse> response) {
    String userId = Caller.session().userId();
    int pageSize;
    String afterId;
    try {
      pageSize = pageSize(request.getPageSize());
      afterId = PageToken.decode(request.getPageToken());
    } catch (InvalidInputException e) {
      response.onError(Statuses.invalid(e));
      return;
    }
    long now = replicator.now();
    Replies.from(
        replicator.read(
            state -> {
              if (request.getAdminister() && !state.isAdmin(userId)) {
                throw Statuses.refused(
                    CommandResult.Refused.of(
                        ErrorReason.ERROR_REASON_PERMISSION_DENIED,
                        "only an admin may list every document (administer)"));
              }
              Predicate<DocumentAccess> visible =
                  request.getAdminister() ? access -> true : access -> access.mayRead(userId);
              // One more than asked tells whether another page follows.
              List<DocumentRecord> page =
                  state.documentMetas(afterId, pageSize + 1, request.getIncludeDeleted(), visible);
              var list = ListDocumentsResponse.newBuilder();
              for (DocumentRecord meta : page.subList(0, Math.min(pageSize, page.size()))) {
                list.addDocuments(DocumentInfos.of(state, meta, now, userId));
              }
              if (page.size() > pageSize) {
                list.setNextPageToken(PageToken.encode(page.get(pageSize - 1).getDocumentId()));
              }
              return list.build();
            },
            request.getAllowStale()),
        response,
        replicator);
  }

  private static int pageSize(int requested) throws InvalidInputException {
    if (requested < 0 || requested > MAX_PAGE_SIZE) {
      throw new InvalidInputException("page_size", "must be between 0 and " + MAX_PAGE_SIZE);
    }
    return requested == 0 ? DEFAULT_PAGE_SIZE : requested;
  }

  @Override
  public void renameDocument(
      RenameDocumentRequest request, StreamObserver<RenameDocumentResponse> response) {
    SessionIndex.Session session = Caller.session();
    String title;
    try {
      title = Inputs.text("title", request.getTitle(), 200);
    } catch (InvalidInputException e) {
      response.onError(Statuses.invalid(e));
      return;
    }
    Replies.fromCommand(
        replicator.propose(
            Commands.renameDocument(
                RenameDocumentCommand.newBuilder()
                    .setDocumentId(request.getDocumentId())
                    .setUserId(session.userId())
                    .setTitle(title))),
        response,
        replicator,
        document ->
            RenameDocumentResponse.newBuilder()
                .setDocument(info(document, session.userId()))
                .build());
  }

  @Override
  public void deleteDocument(
      DeleteDocumentRequest request, StreamObserver<DeleteDocumentResponse> response) {
    SessionIndex.Session session = Caller.session();
    Replies.fromCommand(
        replicator.propose(
            Commands.deleteDocument(
                DeleteDocumentCommand.newBuilder()
                    .setDocumentId(request.getDocumentId())
                    .setUserId(session.userId()))),
        response,
        replicator,
        document ->
            DeleteDocumentResponse.newBuilder()
                .setDocument(info(document, session.userId()))
                .build());
  }

  @Override
  public void undeleteDocument(
      UndeleteDocumentRequest request, StreamObserver<UndeleteDocumentResponse> response) {
    SessionIndex.Session session = Caller.session();
    Replies.fromCommand(
        replicator.propose(
            Commands.undeleteDocument(
                UndeleteDocumentCommand.newBuilder()
                    .setDocumentId(request.getDocumentId())
                    .setUserId(session.userId()))),
        response,
        replicator,
        document ->
            UndeleteDocumentResponse.newBuilder()
                .setDocument(info(document, session.userId()))
                .build());
  }

  /** Info of a document just changed by a command, read on the loop thread that applied it. */
  private DocumentInfo info(DocumentRecord meta, String userId) {
    return DocumentInfos.of(replicator.state(), meta, replicator.now(), userId);
  }

  static RuntimeException notFound(String id) {
    return Statuses.refused(
        new CommandResult.Refused<>(
            ErrorReason.ERROR_REASON_DOCUMENT_NOT_FOUND,
            "no document " + id,
            Map.of("document_id", id)));
  }

  /** The page token is the last listed document id, opaque to clients (base64url). */
  static final class PageToken {
    private PageToken() {}

    static String encode(String lastId) {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String token) throws InvalidInputException {
      try {
        return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("page_token", "is not a token this server issued");
      }
    }
  }
}
