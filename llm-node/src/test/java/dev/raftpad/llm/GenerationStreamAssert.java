package dev.raftpad.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.proto.v1.GenerationEvent;
import dev.raftpad.proto.v1.GenerationFinished;
import java.util.List;
import java.util.stream.Collectors;

/** Checks on the shape of a generation stream (llm.proto: progress, tokens, one finished last). */
final class GenerationStreamAssert {
  private GenerationStreamAssert() {}

  /** Asserts exactly one finished event, last, and returns it. */
  static GenerationFinished finishedLast(List<GenerationEvent> events) {
    assertThat(events).isNotEmpty();
    assertThat(events.stream().filter(GenerationEvent::hasFinished)).hasSize(1);
    GenerationEvent last = events.getLast();
    assertThat(last.hasFinished()).as("the last event is the finished one").isTrue();
    return last.getFinished();
  }

  /** The streamed tokens, concatenated. */
  static String streamedText(List<GenerationEvent> events) {
    return events.stream()
        .filter(GenerationEvent::hasToken)
        .map(GenerationEvent::getToken)
        .collect(Collectors.joining());
  }

  /** Token events (each carries one or more tokens' text). */
  static long tokenEvents(List<GenerationEvent> events) {
    return events.stream().filter(GenerationEvent::hasToken).count();
  }

  static List<GenerationEvent> progress(List<GenerationEvent> events) {
    return events.stream().filter(GenerationEvent::hasProgress).toList();
  }
}
