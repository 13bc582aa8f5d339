package dev.raftpad.llm.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {
  @Test
  void parsesTheTwoSections() {
    PromptTemplate template = PromptTemplate.parse("# system\nBe brief.\n# user\nSay {text}\n");

    assertThat(template.system()).isEqualTo("Be brief.");
    assertThat(template.userMessage(Map.of("text", "hi"))).isEqualTo("Say hi");
  }

  @Test
  void fillsPlaceholdersInOnePassSoUserTextIsNeverExpanded() {
    PromptTemplate template = PromptTemplate.parse("# system\ns\n# user\n{document} / {question}");

    String message =
        template.userMessage(Map.of("document", "a {question} and $1 \\ here", "question", "why?"));

    assertThat(message).isEqualTo("a {question} and $1 \\ here / why?");
  }

  @Test
  void refusesAFileWithoutBothSections() {
    assertThatThrownBy(() -> PromptTemplate.parse("just text"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theBundledTemplatesLoadAndUseTheirPlaceholders() {
    PromptTemplates templates = PromptTemplates.bundled();

    assertThat(templates.summarize().userMessage(Map.of("text", "DOC"))).contains("DOC");
    assertThat(templates.combineSummaries().userMessage(Map.of("text", "DOC"))).contains("DOC");
    assertThat(templates.fixGrammar().userMessage(Map.of("text", "DOC"))).contains("DOC");
    assertThat(templates.ask().userMessage(Map.of("document", "DOC", "question", "Q?")))
        .contains("DOC")
        .contains("Q?");
  }
}
