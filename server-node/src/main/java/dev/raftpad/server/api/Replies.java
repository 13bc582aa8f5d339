package dev.raftpad.server.api;

import dev.raftpad.server.state.CommandResult;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Finishes a unary call from a future, mapping failures through {@link Statuses}. The future
 * usually completes on the Raft loop thread: the reply is made there (it may read the state, which
 * only that thread touches) and sent from {@link Replicator#senders()}, so encoding and writing it
 * never holds up the log.
 */
final class Replies {
  private Replies() {}

  /** Answers with {@code toReply} of an applied command, or the status of a refusal or failure. */
  @SuppressWarnings("FutureReturnValueIgnored") // the callback finishes the call either way
  static <V, T> void fromCommand(
      CompletableFuture<CommandResult<V>> future,
      StreamObserver<T> observer,
      Replicator replicator,
      Function<V, T> toReply) {
    future.whenComplete(
        (result, failure) -> {
          if (failure != null) {
            fail(observer, replicator, Statuses.of(failure, replicator::notLeader));
            return;
          }
          switch (result) {
            case CommandResult.Refused<V> refused ->
                fail(observer, replicator, Statuses.refused(refused));
            case CommandResult.Applied<V> applied -> {
              T reply;
              try {
                reply = toReply.apply(applied.value());
              } catch (RuntimeException e) {
                fail(observer, replicator, Statuses.of(e, replicator::notLeader));
                return;
              }
              answer(observer, replicator, reply);
            }
          }
        });
  }

  /** Answers with the value of a future, or the status of its failure. */
  @SuppressWarnings("FutureReturnValueIgnored")
  static <T> void from(
      CompletableFuture<T> future, StreamObserver<T> observer, Replicator replicator) {
    future.whenComplete(
        (value, failure) -> {
          if (failure != null) {
            fail(observer, replicator, Statuses.of(failure, replicator::notLeader));
          } else {
            answer(observer, replicator, value);
          }
        });
  }

  private static <T> void answer(StreamObserver<T> observer, Replicator replicator, T reply) {
    replicator
        .senders()
        .execute(
            () -> {
              observer.onNext(reply);
              observer.onCompleted();
            });
  }

  private static void fail(
      StreamObserver<?> observer, Replicator replicator, StatusRuntimeException status) {
    replicator.senders().execute(() -> observer.onError(status));
  }
}
