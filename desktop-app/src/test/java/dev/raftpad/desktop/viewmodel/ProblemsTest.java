package dev.raftpad.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.client.sdk.RaftpadException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemsTest {
  @Test
  void noModelIsSaidInSentencesWithTheCommandApart() {
    // What the LLM node sends: Markdown for a terminal, a long curl command with its URL.
    var e =
        new RaftpadException(
            RaftpadException.Reason.MODEL_NOT_LOADED,
            "no model",
            Map.of(
                "how_to_install",
                "with the local cluster run `./raftpad model fetch` and restart it; otherwise"
                    + " download ... with `curl -L -o models/m.gguf https://huggingface.co/x/m.gguf`"),
            null);

    assertThat(Problems.describe(e)).doesNotContain("`", "http", "curl");
    assertThat(Problems.command(e)).isEqualTo("./raftpad model fetch");
  }

  @Test
  void aThrottledSignInSaysHowLongToWait() {
    var e =
        new RaftpadException(
            RaftpadException.Reason.LOGIN_THROTTLED,
            "too many failed sign-ins; try again in 8 s",
            Map.of("scope", "account"),
            Duration.ofMillis(7_200));

    assertThat(Problems.describe(e)).isEqualTo("Too many failed sign-ins. Try again in 8 s.");
  }

  @Test
  void otherProblemsComeWithoutACommand() {
    var e = new RaftpadException(RaftpadException.Reason.LLM_UNAVAILABLE, "none");
    assertThat(Problems.command(e)).isEmpty();
  }
}
