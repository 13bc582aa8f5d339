package dev.raftpad.server.api;

import dev.raftpad.server.state.CommandResult;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Finishes a unary call from a future, mapping failures through {@link Statuses}. */
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
            observer.onError(Statuses.of(failure, replicator::notLeader));
            return;
          }
          switch (result) {
            case CommandResult.Refused<V> refused -> observer.onError(Statuses.refused(refused));
            case CommandResult.Applied<V> applied -> {
              try {
                observer.onNext(toReply.apply(applied.value()));
                observer.onCompleted();
              } catch (RuntimeException e) {
                observer.onError(Statuses.of(e, replicator::notLeader));
              }
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
            observer.onError(Statuses.of(failure, replicator::notLeader));
          } else {
            observer.onNext(value);
            observer.onCompleted();
          }
        });
  }
}
