package dev.raftpad.llm;

import dev.raftpad.llm.task.InputTooLargeException;
import dev.raftpad.llm.task.RequestOptions;
import dev.raftpad.llm.task.Task;
import dev.raftpad.proto.v1.AskRequest;
import dev.raftpad.proto.v1.FixGrammarRequest;
import dev.raftpad.proto.v1.GenerationOptions;
import dev.raftpad.proto.v1.ImproveWritingRequest;
import dev.raftpad.proto.v1.SummarizeRequest;
import java.util.OptionalLong;

/**
 * Checks requests and turns them into {@link Task}s: the edge where protobuf types stop. Every
 * input is bounded.
 *
 * @param maxInputChars the most characters a text (or document plus question) may have
 */
record TaskRequests(int maxInputChars) {
  /** The largest max_tokens accepted; deadlines bound real generations long before this. */
  static final int MAX_TOKENS_LIMIT = 1 << 20;

  Task summarize(SummarizeRequest request) throws InvalidRequestException {
    return new Task.Summarize(
        text("text", request.getText()), options(request.hasOptions(), request.getOptions()));
  }

  Task fixGrammar(FixGrammarRequest request) throws InvalidRequestException {
    return new Task.FixGrammar(
        text("text", request.getText()), options(request.hasOptions(), request.getOptions()));
  }

  Task improveWriting(ImproveWritingRequest request) throws InvalidRequestException {
    return new Task.ImproveWriting(
        text("text", request.getText()), options(request.hasOptions(), request.getOptions()));
  }

  Task ask(AskRequest request) throws InvalidRequestException {
    String question = text("question", request.getQuestion());
    String document = text("document_text", request.getDocumentText());
    bound("document_text", document.length() + question.length());
    return new Task.Ask(document, question, options(request.hasOptions(), request.getOptions()));
  }

  private String text(String field, String value) throws InvalidRequestException {
    if (value.isBlank()) {
      throw new InvalidRequestException(field, "must not be empty");
    }
    bound(field, value.length());
    return value;
  }

  private void bound(String field, long length) {
    if (length > maxInputChars) {
      throw new InputTooLargeException(field, maxInputChars, length, "characters");
    }
  }

  private static RequestOptions options(boolean present, GenerationOptions options)
      throws InvalidRequestException {
    if (!present) {
      return RequestOptions.DEFAULTS;
    }
    long maxTokens = Integer.toUnsignedLong(options.getMaxTokens());
    if (maxTokens > MAX_TOKENS_LIMIT) {
      throw new InputTooLargeException("options.max_tokens", MAX_TOKENS_LIMIT, maxTokens, "tokens");
    }
    float temperature = options.getTemperature();
    if (!(temperature >= 0 && temperature <= 5)) {
      throw new InvalidRequestException("options.temperature", "must be between 0 and 5");
    }
    return new RequestOptions(
        (int) maxTokens,
        temperature,
        options.hasSeed() ? OptionalLong.of(options.getSeed()) : OptionalLong.empty());
  }
}
