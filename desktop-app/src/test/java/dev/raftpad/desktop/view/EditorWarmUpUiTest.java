package dev.raftpad.desktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.desktop.settings.MemorySettings;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** The editor's controls are built and styled off the FX thread, once per process. */
class EditorWarmUpUiTest {
  @Test
  void theEditorsControlsAreBuiltAndStyledOnceOffTheFxThread() throws Exception {
    FxToolkit.registerPrimaryStage();
    Fx.fxRun(() -> Themes.apply(new MemorySettings()));

    CompletableFuture<Boolean> run = EditorWarmUp.start();

    // False when a control refused to be built or styled off the FX thread (it logs why).
    assertThat(run.get(2, TimeUnit.MINUTES)).isTrue();
    assertThat(EditorWarmUp.start()).isSameAs(run);
  }
}
