package dev.raftpad.server.api;

import dev.raftpad.codec.InvalidInputException;
import dev.raftpad.proto.v1.EditChannelRequest;
import dev.raftpad.proto.v1.EditChannelResponse;
import dev.raftpad.proto.v1.EditRefused;
import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.SubmitOperationRequest;
import dev.raftpad.proto.v1.SubscribeRequest;
import dev.raftpad.proto.v1.UpdateCursorRequest;
import dev.raftpad.server.state.CommandResult;
import dev.raftpad.server.state.EditResult;
import dev.raftpad.server.state.SessionIndex;
import dev.raftpad.server.state.TypedCommand;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One edit channel (EditService.EditChannel): an editing session of one document on one stream. Its
 * downstream is a live stream of the document like Subscribe's ({@link
 * EventGrpcService.LiveStream}: replay from the resume point, Live, then every event, the client's
 * own operations included, which confirm them); upstream come operations, proposed as
 * SubmitOperation's are, and carets, relayed as UpdateCursor's are. Only a refusal needs an answer
 * of its own ({@link EditRefused}); a transient failure ends the stream, and the client resumes and
 * sends its operation again (exactly once per client id and sequence).
 *
 * <p>Why a stream: a unary call per keystroke batch cost its HTTP/2 headers, its authentication and
 * its own call setup, which was most of the server's work with many editors.
 *
 * <p>Back-pressure: inbound messages are requested one at a time, at most {@link #MAX_COMMITTING}
 * operations are being committed at once, and a session over its rate limit is paced (its next
 * message read later), never refused.
 */
final class EditChannel implements StreamObserver<EditChannelRequest> {
  /** Operations of one stream in the log at once; the SDK keeps one in flight. */
  static final int MAX_COMMITTING = 16;

  /** How long a session over its rate limit waits before its next message is handled. */
  private static final long PACE_MILLIS = 20;

  /** What every channel of a node uses. */
  record Services(
      Replicator replicator,
      EventGrpcService events,
      CursorRelay cursors,
      RateLimiter rateLimiter,
      ScheduledExecutorService timers) {}

  private final SessionIndex.Session session;
  private final ServerCallStreamObserver<EditChannelResponse> call;
  private final Services services;
  private final Object writes = new Object();

  // Guarded by this.
  private EventGrpcService.LiveStream live;
  private String documentId;
  private int committing;
  private boolean waitingForRoom;
  private boolean ended;

  // Guarded by writes.
  private boolean closed;

  private EditChannel(
      SessionIndex.Session session,
      ServerCallStreamObserver<EditChannelResponse> call,
      Services services) {
    this.session = session;
    this.call = call;
    this.services = services;
  }

  /** Sets up one stream; handlers must be set before the service method returns. */
  static EditChannel start(
      SessionIndex.Session session,
      ServerCallStreamObserver<EditChannelResponse> call,
      Services services) {
    EditChannel channel = new EditChannel(session, call, services);
    call.disableAutoRequest();
    call.setOnCancelHandler(channel::end);
    call.setOnCloseHandler(channel::end);
    call.setOnReadyHandler(channel::drain);
    call.request(1);
    return channel;
  }

  @Override
  public void onNext(EditChannelRequest request) {
    switch (request.getKindCase()) {
      case OPEN -> open(request.getOpen());
      case SUBMIT -> paced(() -> submit(request.getSubmit()));
      case CURSOR -> paced(() -> cursor(request.getCursor()));
      case KIND_NOT_SET ->
          fail(Statuses.invalid(new InvalidInputException("kind", "open, submit or cursor")));
    }
  }

  @Override
  public void onError(Throwable cancelled) {
    end();
  }

  @Override
  public void onCompleted() {
    end();
    synchronized (writes) {
      if (!closed) {
        closed = true;
        call.onCompleted();
      }
    }
  }

  private void open(SubscribeRequest request) {
    synchronized (this) {
      if (live != null || ended) {
        fail(Statuses.invalid(new InvalidInputException("open", "the channel is open already")));
        return;
      }
      if (request.getAllDocuments() || request.getDocumentIdsCount() != 1) {
        fail(
            Statuses.invalid(
                new InvalidInputException("open.document_ids", "name exactly one document")));
        return;
      }
      Optional<EventGrpcService.LiveStream> prepared =
          services.events().prepare(session, request, new Downstream(), "edit channels");
      if (prepared.isEmpty()) {
        return;
      }
      live = prepared.get();
      documentId = request.getDocumentIds(0);
    }
    live.start();
    call.request(1);
  }

  private void submit(SubmitOperationRequest received) {
    SubmitOperationRequest request;
    synchronized (this) {
      if (!isOpen()) {
        return;
      }
      if (!received.getDocumentId().isEmpty() && !received.getDocumentId().equals(documentId)) {
        fail(
            Statuses.invalid(
                new InvalidInputException(
                    "submit.document_id", "the channel's document is " + documentId)));
        return;
      }
      request = received.toBuilder().setDocumentId(documentId).build();
      committing++;
      if (committing < MAX_COMMITTING) {
        call.request(1);
      } else {
        waitingForRoom = true;
      }
    }
    TypedCommand<EditResult> edit;
    try {
      edit = EditGrpcService.command(session, request);
    } catch (StatusRuntimeException invalid) {
      refuse(request, invalid);
      committed();
      return;
    }
    var unused =
        services
            .replicator()
            .proposeFromAnyNode(edit)
            .whenComplete(
                (result, failure) -> {
                  committed();
                  if (failure != null) {
                    // Not known to be applied (leadership moved, the log is unavailable): the
                    // client resumes and sends it again (exactly once per client id and seq).
                    fail(Statuses.of(failure, services.replicator()::notLeader));
                  } else if (result instanceof CommandResult.Refused<EditResult> refused) {
                    refuse(request, Statuses.refused(refused));
                  }
                  // Applied: its OperationCommitted event is the answer.
                });
  }

  /** One operation of this stream left the log's pipeline. */
  private void committed() {
    boolean readMore;
    synchronized (this) {
      committing--;
      readMore = waitingForRoom && !ended;
      waitingForRoom = false;
    }
    if (readMore) {
      call.request(1);
    }
  }

  private void cursor(UpdateCursorRequest received) {
    UpdateCursorRequest request;
    synchronized (this) {
      if (!isOpen()) {
        return;
      }
      request = received.toBuilder().setDocumentId(documentId).build();
    }
    var unused =
        services
            .cursors()
            .relay(session, request)
            .whenComplete(
                (relayed, failure) -> {
                  // A caret is best effort; the next one replaces it.
                });
    call.request(1);
  }

  /** Runs {@code step} now if the session's budget allows, else a little later. */
  private void paced(Runnable step) {
    if (services.rateLimiter().tryAcquire(session.sessionId())) {
      step.run();
      return;
    }
    try {
      var unused =
          services.timers().schedule(() -> paced(step), PACE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException shuttingDown) {
      end();
    }
  }

  /** Whether the channel is open; if not, ends it with a clear error. Holds this. */
  private boolean isOpen() {
    if (ended) {
      return false;
    }
    if (live == null) {
      fail(
          Statuses.invalid(
              new InvalidInputException("kind", "the first message must open the channel")));
      return false;
    }
    return true;
  }

  private void refuse(SubmitOperationRequest request, StatusRuntimeException status) {
    send(
        EditChannelResponse.newBuilder()
            .setRefused(
                EditRefused.newBuilder()
                    .setClientId(request.getClientId())
                    .setClientSeq(request.getClientSeq())
                    .setStatus(StatusProto.fromThrowable(status)))
            .build());
  }

  private void send(EditChannelResponse response) {
    synchronized (writes) {
      if (!closed) {
        call.onNext(response);
      }
    }
  }

  private void fail(StatusRuntimeException status) {
    end();
    synchronized (writes) {
      if (!closed) {
        closed = true;
        try {
          call.onError(status);
        } catch (IllegalStateException alreadyOver) {
          // the client went away first
        }
      }
    }
  }

  private void drain() {
    EventGrpcService.LiveStream stream;
    synchronized (this) {
      stream = live;
    }
    if (stream != null) {
      stream.drain();
    }
  }

  private void end() {
    EventGrpcService.LiveStream stream;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      stream = live;
    }
    if (stream != null) {
      stream.end();
    }
  }

  /** The live stream's events, wrapped; serialized with refusals by {@link #writes}. */
  private final class Downstream implements EventHub.Outbound {
    @Override
    public boolean isReady() {
      return call.isReady();
    }

    @Override
    public void send(Event event) {
      EditChannel.this.send(EditChannelResponse.newBuilder().setEvent(event).build());
    }

    @Override
    public void fail(StatusRuntimeException status) {
      EditChannel.this.fail(status);
    }
  }
}
