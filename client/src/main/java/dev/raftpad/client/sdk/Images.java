package dev.raftpad.client.sdk;

import com.google.protobuf.ByteString;
import dev.raftpad.client.sdk.internal.CallKind;
import dev.raftpad.client.sdk.internal.Connection;
import dev.raftpad.client.sdk.model.StoredImage;
import dev.raftpad.proto.v1.AddImageRequest;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.DocumentServiceGrpc.DocumentServiceBlockingStub;
import dev.raftpad.proto.v1.GetImageRequest;
import java.util.function.Function;

/**
 * Documents' images (issue 22): the bytes live in the document's replicated image store; the text
 * holds one U+FFFC per image whose image attribute is the id ({@code
 * dev.raftpad.document.op.Images}). Blocking.
 */
public final class Images {
  private final Connection connection;

  Images(Connection connection) {
    this.connection = connection;
  }

  /**
   * Adds an image to the document's store and answers its id, which an edit then inserts. The same
   * bytes give the same id and are stored once, so it is retried like any idempotent write.
   *
   * @param mediaType "image/png", "image/jpeg" or "image/gif", as the bytes are
   * @throws RaftpadException TOO_LARGE past the server's limit per image or per document (metadata
   *     {@code limit}, {@code actual}), INVALID_FIELD for bytes that are not such an image
   */
  public String add(String documentId, String mediaType, byte[] bytes) {
    AddImageRequest request =
        AddImageRequest.newBuilder()
            .setDocumentId(documentId)
            .setMediaType(mediaType)
            .setData(ByteString.copyFrom(bytes))
            .build();
    return call(CallKind.IDEMPOTENT_WRITE, stub -> stub.addImage(request)).getImageId();
  }

  /**
   * An image of the document's store, linearizably.
   *
   * @throws RaftpadException IMAGE_NOT_FOUND if the store holds none by that id
   */
  public StoredImage get(String documentId, String imageId) {
    var response =
        call(
            CallKind.READ,
            stub ->
                stub.getImage(
                    GetImageRequest.newBuilder()
                        .setDocumentId(documentId)
                        .setImageId(imageId)
                        .build()));
    return new StoredImage(
        response.getImageId(), response.getMediaType(), response.getData().toByteArray());
  }

  private <T> T call(CallKind kind, Function<DocumentServiceBlockingStub, T> rpc) {
    return connection.call(
        kind,
        a ->
            rpc.apply(DocumentServiceGrpc.newBlockingStub(a.channel()).withDeadline(a.deadline())));
  }
}
