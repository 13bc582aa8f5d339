package dev.raftpad.server.api;

import dev.raftpad.proto.v1.AskRequest;
import dev.raftpad.proto.v1.FixGrammarRequest;
import dev.raftpad.proto.v1.GenerationEvent;
import dev.raftpad.proto.v1.ImproveWritingRequest;
import dev.raftpad.proto.v1.LlmServiceGrpc;
import dev.raftpad.proto.v1.SummarizeRequest;
import dev.raftpad.server.state.Role;
import io.grpc.stub.StreamObserver;

/**
 * What an AI call asks of the LLM node: which call, the role the caller needs on the document, and
 * whether the answer is a change to the text (and so ends with a suggestion). The one table {@link
 * AiGrpcService} forwards by.
 */
sealed interface AiTask {
  /** The weakest role that may make the call. */
  Role required();

  /** Whether the answer replaces the text read, ending with the change as a suggestion. */
  boolean suggests();

  /** The task's name for the log: never its text or question. */
  String name();

  /** Checks the task's own input (after access, which comes first). */
  void check();

  /** Starts the LLM node's call on {@code text}, streaming into {@code relay}. */
  void start(LlmServiceGrpc.LlmServiceStub llm, String text, StreamObserver<GenerationEvent> relay);

  /** The tasks that work on the text alone. */
  enum OnText implements AiTask {
    /** Reads the document. */
    SUMMARIZE(Role.VIEWER, false),
    /** Becomes an edit of it. */
    FIX_GRAMMAR(Role.EDITOR, true),
    /** Becomes an edit of it. */
    IMPROVE_WRITING(Role.EDITOR, true);

    private final Role required;
    private final boolean suggests;

    OnText(Role required, boolean suggests) {
      this.required = required;
      this.suggests = suggests;
    }

    @Override
    public Role required() {
      return required;
    }

    @Override
    public boolean suggests() {
      return suggests;
    }

    @Override
    public void check() {}

    @Override
    public void start(
        LlmServiceGrpc.LlmServiceStub llm, String text, StreamObserver<GenerationEvent> relay) {
      switch (this) {
        case SUMMARIZE -> llm.summarize(SummarizeRequest.newBuilder().setText(text).build(), relay);
        case FIX_GRAMMAR ->
            llm.fixGrammar(FixGrammarRequest.newBuilder().setText(text).build(), relay);
        case IMPROVE_WRITING ->
            llm.improveWriting(ImproveWritingRequest.newBuilder().setText(text).build(), relay);
      }
    }
  }

  /**
   * A question about the text, which only reads it.
   *
   * @param question as the caller sent it
   */
  record Ask(String question) implements AiTask {
    /** Long enough for any real question, short enough to leave the context to the document. */
    static final int MAX_QUESTION_CODE_POINTS = 2_000;

    @Override
    public String name() {
      return "ASK";
    }

    @Override
    public Role required() {
      return Role.VIEWER;
    }

    @Override
    public boolean suggests() {
      return false;
    }

    @Override
    public void check() {
      Inputs.text("question", question, MAX_QUESTION_CODE_POINTS);
    }

    @Override
    public void start(
        LlmServiceGrpc.LlmServiceStub llm, String text, StreamObserver<GenerationEvent> relay) {
      llm.ask(
          AskRequest.newBuilder().setDocumentText(text).setQuestion(question.strip()).build(),
          relay);
    }
  }
}
