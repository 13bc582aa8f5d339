package dev.raftpad.desktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** Where the main window opens, for screens that the headless tests do not have. */
class WindowPlacementTest {
  static final Rectangle2D LEFT = new Rectangle2D(0, 0, 1920, 1040);
  static final Rectangle2D RIGHT = new Rectangle2D(1920, 0, 1440, 860);
  static final List<Rectangle2D> SCREENS = List.of(LEFT, RIGHT);

  @Test
  void withNothingRememberedItIsCentredOnItsScreen() {
    Rectangle2D placed = WindowPlacement.place(Optional.empty(), 1280, 800, RIGHT, SCREENS);
    assertThat(placed).isEqualTo(new Rectangle2D(1920 + 80, 30, 1280, 800));
  }

  @Test
  void aScreenSmallerThanTheWindowGetsAWindowItsSize() {
    Rectangle2D small = new Rectangle2D(0, 0, 1024, 700);
    Rectangle2D placed = WindowPlacement.place(Optional.empty(), 1280, 800, small, List.of(small));
    assertThat(placed).isEqualTo(small);
  }

  @Test
  void aRememberedPlaceOnAnyScreenIsKept() {
    Rectangle2D onRight = new Rectangle2D(2000, 20, 1200, 800);
    assertThat(WindowPlacement.place(Optional.of(onRight), 1280, 800, LEFT, SCREENS))
        .isEqualTo(onRight);
    // A frame a few pixels outside the screen's edge, as window managers place maximized windows.
    Rectangle2D framed = new Rectangle2D(-8, -8, 1936, 1056);
    assertThat(WindowPlacement.place(Optional.of(framed), 1280, 800, LEFT, SCREENS))
        .isEqualTo(framed);
  }

  @Test
  void aRememberedPlaceNoLongerOnAScreenKeepsItsSizeCentredOnTheHomeScreen() {
    // Remembered on a third screen, unplugged since.
    Rectangle2D gone = new Rectangle2D(3400, 100, 1000, 700);
    assertThat(WindowPlacement.place(Optional.of(gone), 1280, 800, LEFT, SCREENS))
        .isEqualTo(new Rectangle2D(460, 170, 1000, 700));
    // Half on a screen is not on it.
    Rectangle2D straddling = new Rectangle2D(1500, 100, 1000, 700);
    assertThat(WindowPlacement.onAScreen(straddling, SCREENS)).isFalse();
  }
}
