package dev.raftpad.server.state;

import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.Command;
import java.util.Optional;

/**
 * A command to propose, with the type of what it answers when applied. {@link Commands} makes one
 * per kind, fixing {@code T} to what {@link CollabState} returns for that kind, so callers get a
 * {@code CommandResult<T>} and never cast.
 *
 * @param command the command without its time (the leader stamps it when proposing)
 * @param resultType what an applied command of this kind answers
 * @param decoded the command's operation, already decoded by the proposer (edits and new
 *     documents); see {@link DecodedOperations}
 */
public record TypedCommand<T>(Command command, Class<T> resultType, Optional<Operation> decoded) {
  TypedCommand(Command.Builder command, Class<T> resultType) {
    this(command.build(), resultType, Optional.empty());
  }

  /**
   * What the log carries: the command stamped with the leader's time and the format it needs (the
   * oldest that reads it exactly, {@link FormatVersion#writtenFor}).
   */
  public byte[] toBytes(long timeMillis) {
    return command.toBuilder()
        .setTimeMillis(timeMillis)
        .setFormatVersion(FormatVersion.writtenFor(command))
        .build()
        .toByteArray();
  }

  /**
   * A command a follower forwarded, stamped with the leader's time instead of the follower's: lock
   * leases and presence are judged by command time, which must come from one clock. Bytes that do
   * not parse are passed on as they are; the state machine refuses them on apply, on every node.
   */
  public static byte[] restamped(byte[] command, long timeMillis) {
    try {
      return Command.parseFrom(command).toBuilder().setTimeMillis(timeMillis).build().toByteArray();
    } catch (com.google.protobuf.InvalidProtocolBufferException unreadable) {
      return command;
    }
  }

  /**
   * The state machine's answer to this command, typed. The state machine answers through Raft's
   * single result type; the one check that the value is of this kind's type is here, and it holds
   * by construction of {@link CollabState#apply} (covered for every kind by CollabStateTest).
   */
  public CommandResult<T> resultOf(CommandResult<?> result) {
    return switch (result) {
      case CommandResult.Applied<?> applied ->
          new CommandResult.Applied<>(resultType.cast(applied.value()));
      case CommandResult.Refused<?> refused -> refused.as();
    };
  }
}
