package dev.raftpad.server.raft;

import com.google.protobuf.ByteString;
import dev.raftpad.proto.v1.AppendEntriesRequest;
import dev.raftpad.proto.v1.AppendEntriesResponse;
import dev.raftpad.proto.v1.EntryKind;
import dev.raftpad.proto.v1.Heartbeat;
import dev.raftpad.proto.v1.HeartbeatResponse;
import dev.raftpad.proto.v1.LogEntry;
import dev.raftpad.proto.v1.PeerHeader;
import dev.raftpad.proto.v1.PeerMessage;
import dev.raftpad.proto.v1.ProposeRefusal;
import dev.raftpad.proto.v1.ProposeRequest;
import dev.raftpad.proto.v1.ProposeResponse;
import dev.raftpad.proto.v1.ReadIndexRequest;
import dev.raftpad.proto.v1.ReadIndexResponse;
import dev.raftpad.proto.v1.TimeoutNow;
import dev.raftpad.proto.v1.VoteRequest;
import dev.raftpad.proto.v1.VoteResponse;
import dev.raftpad.raft.core.Entry;
import dev.raftpad.raft.core.EntryType;
import dev.raftpad.raft.core.Message;
import dev.raftpad.raft.core.Proposal;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the raft module's messages to the wire ({@code raft.proto}) and back. Snapshots travel on
 * their own stream ({@link SnapshotChunks}); everything else is a {@link PeerMessage}. This is the
 * only place the two vocabularies meet.
 */
final class PeerMessages {
  private PeerMessages() {}

  static PeerMessage toWire(String clusterId, Message message) {
    PeerMessage.Builder wire =
        PeerMessage.newBuilder()
            .setHeader(
                PeerHeader.newBuilder()
                    .setClusterId(clusterId)
                    .setFromNodeId(message.from())
                    .setToNodeId(message.to())
                    .setTerm(message.term())
                    .setProtocol(PeerProtocols.CURRENT));
    switch (message) {
      case Message.VoteRequest v ->
          wire.setVoteRequest(
              VoteRequest.newBuilder()
                  .setLastLogIndex(v.lastLogIndex())
                  .setLastLogTerm(v.lastLogTerm())
                  .setPreVote(v.preVote())
                  .setLeadershipTransfer(v.leadershipTransfer()));
      case Message.VoteResponse v ->
          wire.setVoteResponse(
              VoteResponse.newBuilder().setGranted(v.granted()).setPreVote(v.preVote()));
      case Message.AppendRequest a -> {
        AppendEntriesRequest.Builder append =
            AppendEntriesRequest.newBuilder()
                .setPrevLogIndex(a.prevLogIndex())
                .setPrevLogTerm(a.prevLogTerm())
                .setLeaderCommit(a.leaderCommit());
        for (Entry entry : a.entries()) {
          append.addEntries(toWire(entry));
        }
        wire.setAppendRequest(append);
      }
      case Message.AppendResponse a ->
          wire.setAppendResponse(
              AppendEntriesResponse.newBuilder()
                  .setSuccess(a.success())
                  .setIndex(a.index())
                  .setConflictIndex(a.conflictIndex())
                  .setConflictTerm(a.conflictTerm()));
      case Message.Heartbeat h ->
          wire.setHeartbeat(
              Heartbeat.newBuilder().setCommit(h.commit()).setReadRound(h.readRound()));
      case Message.HeartbeatResponse h ->
          wire.setHeartbeatResponse(
              HeartbeatResponse.newBuilder()
                  .setReadRound(h.readRound())
                  .setLastIndex(h.lastIndex()));
      case Message.TimeoutNow t -> wire.setTimeoutNow(TimeoutNow.getDefaultInstance());
      case Message.ReadIndexRequest r ->
          wire.setReadIndexRequest(ReadIndexRequest.newBuilder().setRequestId(r.requestId()));
      case Message.ReadIndexResponse r ->
          wire.setReadIndexResponse(
              ReadIndexResponse.newBuilder()
                  .setRequestId(r.requestId())
                  .setReadIndex(r.readIndex()));
      case Message.ProposeRequest p ->
          wire.setProposeRequest(
              ProposeRequest.newBuilder()
                  .setRequestId(p.requestId())
                  .setCommand(ByteString.copyFrom(p.data())));
      case Message.ProposeResponse p ->
          wire.setProposeResponse(
              ProposeResponse.newBuilder()
                  .setRequestId(p.requestId())
                  .setIndex(p.index())
                  .setEntryTerm(p.entryTerm())
                  .setRefusal(
                      p.rejection() == null
                          ? ProposeRefusal.PROPOSE_REFUSAL_UNSPECIFIED
                          : switch (p.rejection()) {
                            case LEADERSHIP_TRANSFER_IN_PROGRESS ->
                                ProposeRefusal.PROPOSE_REFUSAL_TRANSFER_IN_PROGRESS;
                            case NOT_LEADER, CONFIG_CHANGE_IN_PROGRESS, INVALID_CONFIG_CHANGE ->
                                ProposeRefusal.PROPOSE_REFUSAL_NOT_LEADER;
                          }));
      case Message.InstallSnapshot s ->
          throw new IllegalArgumentException("snapshots travel on the InstallSnapshot stream");
    }
    return wire.build();
  }

  /**
   * The raft message a wire message carries.
   *
   * @throws IllegalArgumentException if it is malformed
   */
  static Message fromWire(PeerMessage wire) {
    PeerHeader h = wire.getHeader();
    String from = h.getFromNodeId();
    String to = h.getToNodeId();
    long term = h.getTerm();
    if (from.isEmpty() || to.isEmpty()) {
      throw new IllegalArgumentException("peer message without sender or receiver");
    }
    return switch (wire.getBodyCase()) {
      case VOTE_REQUEST -> {
        VoteRequest v = wire.getVoteRequest();
        yield new Message.VoteRequest(
            from,
            to,
            term,
            v.getLastLogIndex(),
            v.getLastLogTerm(),
            v.getPreVote(),
            v.getLeadershipTransfer());
      }
      case VOTE_RESPONSE ->
          new Message.VoteResponse(
              from,
              to,
              term,
              wire.getVoteResponse().getGranted(),
              wire.getVoteResponse().getPreVote());
      case APPEND_REQUEST -> {
        AppendEntriesRequest a = wire.getAppendRequest();
        List<Entry> entries = new ArrayList<>(a.getEntriesCount());
        for (LogEntry entry : a.getEntriesList()) {
          entries.add(fromWire(entry));
        }
        yield new Message.AppendRequest(
            from, to, term, a.getPrevLogIndex(), a.getPrevLogTerm(), entries, a.getLeaderCommit());
      }
      case APPEND_RESPONSE -> {
        AppendEntriesResponse a = wire.getAppendResponse();
        yield new Message.AppendResponse(
            from,
            to,
            term,
            a.getSuccess(),
            a.getIndex(),
            a.getConflictIndex(),
            a.getConflictTerm());
      }
      case HEARTBEAT ->
          new Message.Heartbeat(
              from, to, term, wire.getHeartbeat().getCommit(), wire.getHeartbeat().getReadRound());
      case HEARTBEAT_RESPONSE ->
          new Message.HeartbeatResponse(
              from,
              to,
              term,
              wire.getHeartbeatResponse().getReadRound(),
              wire.getHeartbeatResponse().getLastIndex());
      case TIMEOUT_NOW -> new Message.TimeoutNow(from, to, term);
      case READ_INDEX_REQUEST ->
          new Message.ReadIndexRequest(from, to, term, wire.getReadIndexRequest().getRequestId());
      case READ_INDEX_RESPONSE ->
          new Message.ReadIndexResponse(
              from,
              to,
              term,
              wire.getReadIndexResponse().getRequestId(),
              wire.getReadIndexResponse().getReadIndex());
      case PROPOSE_REQUEST ->
          new Message.ProposeRequest(
              from,
              to,
              term,
              wire.getProposeRequest().getRequestId(),
              wire.getProposeRequest().getCommand().toByteArray());
      case PROPOSE_RESPONSE -> proposeResponse(from, to, term, wire.getProposeResponse());
      case SNAPSHOT_RESPONSE, RELAYED_EVENT, BODY_NOT_SET ->
          throw new IllegalArgumentException("unexpected peer message body " + wire.getBodyCase());
    };
  }

  private static Message.ProposeResponse proposeResponse(
      String from, String to, long term, ProposeResponse wire) {
    Proposal.Reason refusal =
        switch (wire.getRefusal()) {
          case PROPOSE_REFUSAL_UNSPECIFIED -> null;
          case PROPOSE_REFUSAL_NOT_LEADER -> Proposal.Reason.NOT_LEADER;
          case PROPOSE_REFUSAL_TRANSFER_IN_PROGRESS ->
              Proposal.Reason.LEADERSHIP_TRANSFER_IN_PROGRESS;
          case UNRECOGNIZED -> throw new IllegalArgumentException("unknown propose refusal");
        };
    if ((refusal == null) != (wire.getIndex() > 0)) {
      throw new IllegalArgumentException("a propose response needs an index or a refusal");
    }
    return new Message.ProposeResponse(
        from, to, term, wire.getRequestId(), wire.getIndex(), wire.getEntryTerm(), refusal);
  }

  static LogEntry toWire(Entry entry) {
    return LogEntry.newBuilder()
        .setIndex(entry.index())
        .setTerm(entry.term())
        .setKind(
            switch (entry.type()) {
              case NOOP -> EntryKind.ENTRY_KIND_NOOP;
              case COMMAND -> EntryKind.ENTRY_KIND_COMMAND;
              case CONFIG -> EntryKind.ENTRY_KIND_CONFIGURATION;
            })
        .setData(ByteString.copyFrom(entry.data()))
        .build();
  }

  static Entry fromWire(LogEntry entry) {
    EntryType type =
        switch (entry.getKind()) {
          case ENTRY_KIND_NOOP -> EntryType.NOOP;
          case ENTRY_KIND_COMMAND -> EntryType.COMMAND;
          case ENTRY_KIND_CONFIGURATION -> EntryType.CONFIG;
          case ENTRY_KIND_UNSPECIFIED, UNRECOGNIZED ->
              throw new IllegalArgumentException("log entry of unknown kind " + entry.getKind());
        };
    return new Entry(entry.getIndex(), entry.getTerm(), type, entry.getData().toByteArray());
  }
}
