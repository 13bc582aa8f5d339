package dev.raftpad.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.client.sdk.model.User;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two people in one editor are never shown in one colour while hues are left to tell them apart.
 */
class PeopleColoursTest {
  private static final String MAGENTA = "#f032e6";
  private static final String BLUE = "#4363d8";

  @Test
  void someoneWithAColourOfTheirOwnKeepsIt() {
    PeopleColours colours = new PeopleColours();
    User ada = user("a-ada", MAGENTA);
    User bob = user("b-bob", BLUE);
    colours.meet(List.of(bob, ada));

    assertThat(colours.of(ada)).isEqualTo(MAGENTA);
    assertThat(colours.of(bob)).isEqualTo(BLUE);
  }

  @Test
  void twoPeopleWithOneColourAreShownInTwoAndTheOrderOfTheListDoesNotMatter() {
    User ada = user("a-ada", MAGENTA);
    User bob = user("b-bob", MAGENTA);
    PeopleColours one = new PeopleColours();
    one.meet(List.of(ada, bob));
    PeopleColours other = new PeopleColours();
    other.meet(List.of(bob, ada));

    assertThat(one.of(ada)).isEqualTo(MAGENTA);
    assertThat(one.of(bob)).isNotEqualTo(MAGENTA);
    assertThat(hueDistance(one.of(ada), one.of(bob)))
        .isGreaterThanOrEqualTo(PeopleColours.MIN_HUE_DISTANCE);
    assertThat(other.of(ada)).isEqualTo(one.of(ada));
    assertThat(other.of(bob)).isEqualTo(one.of(bob));
  }

  @Test
  void similarHuesCountAsOneColour() {
    PeopleColours colours = new PeopleColours();
    User ada = user("a-ada", MAGENTA);
    User eve = user("e-eve", "#911eb4"); // purple: 19 degrees from magenta
    colours.meet(List.of(ada, eve));

    assertThat(hueDistance(colours.of(ada), colours.of(eve)))
        .isGreaterThanOrEqualTo(PeopleColours.MIN_HUE_DISTANCE);
  }

  @Test
  void eightPeopleInOneColourAllGetHuesApart() {
    PeopleColours colours = new PeopleColours();
    List<User> people = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      people.add(user("user-" + i, MAGENTA));
    }
    colours.meet(people);

    Set<String> shown = new HashSet<>();
    people.forEach(p -> shown.add(colours.of(p)));
    assertThat(shown).hasSize(8);
    for (User a : people) {
      for (User b : people) {
        if (!a.equals(b)) {
          assertThat(hueDistance(colours.of(a), colours.of(b)))
              .isGreaterThanOrEqualTo(PeopleColours.MIN_HUE_DISTANCE);
        }
      }
    }
  }

  @Test
  void aColourIsKeptAfterItsOwnerLeavesAndNewcomersAreMetAsTheyCome() {
    PeopleColours colours = new PeopleColours();
    User ada = user("z-ada", MAGENTA);
    colours.meet(List.of(ada));
    User bob = user("a-bob", MAGENTA); // sorts first, but comes later: Ada keeps her colour
    colours.meet(List.of(ada, bob));
    String bobs = colours.of(bob);
    colours.meet(List.of(ada)); // Bob left
    colours.meet(List.of(ada, bob)); // and came back

    assertThat(colours.of(ada)).isEqualTo(MAGENTA);
    assertThat(colours.of(bob)).isEqualTo(bobs).isNotEqualTo(MAGENTA);
  }

  @Test
  void someoneNotKnownYetIsGreyUntilTheirColourIsKnown() {
    PeopleColours colours = new PeopleColours();
    colours.meet(List.of(user("a-ada", MAGENTA)));
    User unknown = new User("b-bob", "", "Someone", false, "");

    assertThat(colours.of(unknown)).isEqualTo("#888888");
    assertThat(colours.of(user("b-bob", MAGENTA))).isNotEqualTo(MAGENTA);
  }

  @Test
  void hsbAndRgbConvertBothWays() {
    assertThat(PeopleColours.hsb("#ff0000")).containsExactly(0, 1, 1);
    assertThat(PeopleColours.hsb("#0000ff")[0]).isEqualTo(240);
    for (String colour : List.of(MAGENTA, BLUE, "#3cb44b", "#808000", "#f58231", "#46b4c4")) {
      double[] hsb = PeopleColours.hsb(colour);
      assertThat(PeopleColours.rgb(hsb[0], hsb[1], hsb[2])).isEqualTo(colour);
    }
  }

  private static User user(String id, String color) {
    return new User(id, id, id, false, color);
  }

  private static double hueDistance(String a, String b) {
    double d = Math.abs(PeopleColours.hsb(a)[0] - PeopleColours.hsb(b)[0]) % 360;
    return Math.min(d, 360 - d);
  }
}
