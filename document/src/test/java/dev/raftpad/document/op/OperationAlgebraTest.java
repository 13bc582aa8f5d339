package dev.raftpad.document.op;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftpad.document.RandomEdits;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Run;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The algebra's laws, over thousands of random formatted documents and operations. Every property
 * takes a seed; a failure reports it, and {@link RandomEdits} with that seed replays the case.
 */
class OperationAlgebraTest {

  @Property(tries = 3000)
  void concurrentOperationsConvergeTp1(@ForAll long seed) {
    RandomEdits edits = new RandomEdits(seed);
    Document document = edits.document();
    Operation a = edits.operation(document.length());
    Operation b = edits.operation(document.length());

    Document aThenB = document.apply(a).apply(a.transform(b, true));
    Document bThenA = document.apply(b).apply(b.transform(a, false));

    assertThat(aThenB).as("seed %d", seed).isEqualTo(bThenA);
    assertThat(a.compose(a.transform(b, true)))
        .as("seed %d", seed)
        .isEqualTo(b.compose(b.transform(a, false)));
  }

  @Property(tries = 3000)
  void composeAgreesWithSequentialApply(@ForAll long seed) {
    RandomEdits edits = new RandomEdits(seed);
    Document document = edits.document();
    Operation first = edits.operation(document.length());
    Document middle = document.apply(first);
    Operation second = edits.operation(middle.length());

    assertThat(document.apply(first.compose(second)))
        .as("seed %d", seed)
        .isEqualTo(middle.apply(second));
  }

  @Property(tries = 3000)
  void invertRoundTrips(@ForAll long seed) {
    RandomEdits edits = new RandomEdits(seed);
    Document document = edits.document();
    Operation operation = edits.operation(document.length());

    Operation inverse = document.inverseOf(operation);

    assertThat(document.apply(operation).apply(inverse)).as("seed %d", seed).isEqualTo(document);
  }

  @Property(tries = 2000)
  void diffProducesTheTarget(@ForAll long seed) {
    RandomEdits edits = new RandomEdits(seed);
    Document from = edits.document();
    Document nearby = from.apply(edits.operation(from.length()));
    Document unrelated = edits.document();

    assertThat(from.apply(from.diffTo(nearby))).as("seed %d", seed).isEqualTo(nearby);
    assertThat(from.apply(from.diffTo(unrelated))).as("seed %d", seed).isEqualTo(unrelated);
    assertThat(from.diffTo(from)).isEqualTo(Operation.IDENTITY);
  }

  @Property(tries = 2000)
  void formattingSurvivesConcurrentInserts(@ForAll long seed) {
    RandomEdits edits = new RandomEdits(seed);
    Document document = Document.of(edits.text(20));
    Attributes bold = Attributes.builder().bold(true).build();
    Operation boldEverything = Operation.format(0, document.length(), bold);
    int position = edits.random().nextInt(document.length() + 1);
    String typed = edits.text(5);
    Operation insert = Operation.insert(position, typed);

    Document serverOrder =
        document.apply(boldEverything).apply(boldEverything.transform(insert, true));
    Document otherOrder = document.apply(insert).apply(insert.transform(boldEverything, false));

    assertThat(serverOrder).isEqualTo(otherOrder);
    assertThat(boldCodePoints(serverOrder)).as("seed %d", seed).isEqualTo(document.length());
    assertThat(serverOrder.length() - boldCodePoints(serverOrder))
        .isEqualTo(typed.codePointCount(0, typed.length()));
  }

  @Property(tries = 2000)
  void positionsAndSelectionsStayInBounds(@ForAll long seed) {
    RandomEdits edits = new RandomEdits(seed);
    Document document = edits.document();
    Operation operation = edits.operation(document.length());
    int after = document.apply(operation).length();
    int anchor = edits.random().nextInt(document.length() + 1);
    int head = edits.random().nextInt(document.length() + 1);

    for (boolean stayBefore : new boolean[] {true, false}) {
      assertThat(operation.transformPosition(anchor, stayBefore)).isBetween(0, after);
    }
    Selection moved = new Selection(anchor, head).transform(operation);
    assertThat(moved.anchor()).as("seed %d", seed).isBetween(0, after);
    assertThat(moved.head()).as("seed %d", seed).isBetween(0, after);
  }

  @Property(tries = 2000)
  void astralCharactersAreNeverSplit(@ForAll long seed) {
    RandomEdits edits = new RandomEdits(seed);
    Document document = edits.document();
    for (int i = 0; i < 5; i++) {
      document = document.apply(edits.operation(document.length()));
      String text = document.text();
      assertThat(text.codePointCount(0, text.length())).isEqualTo(document.length());
      for (int k = 0; k < text.length(); k++) {
        char c = text.charAt(k);
        if (Character.isHighSurrogate(c)) {
          assertThat(Character.isLowSurrogate(text.charAt(k + 1))).as("seed %d", seed).isTrue();
          k++;
        } else {
          assertThat(Character.isLowSurrogate(c)).as("seed %d: lone low surrogate", seed).isFalse();
        }
      }
    }
  }

  @Test
  void diffOfALargeDocumentWithOneChangedWordIsSmall() {
    String filler = "lorem ipsum dolor sit amet ".repeat(4_000);
    Document before = Document.of(filler + "the quick brown fox " + filler);
    Document after = Document.of(filler + "the slow brown fox " + filler);

    Operation diff = before.diffTo(after);

    assertThat(before.apply(diff)).isEqualTo(after);
    assertThat(diff.components()).hasSizeLessThanOrEqualTo(4);
    assertThat(diff.baseLength()).isLessThanOrEqualTo(filler.length() + 10);
  }

  @Test
  void insertsAtTheSamePlaceAreOrderedByTheTieBreak() {
    Document document = Document.of("ab");
    Operation first = Operation.insert(1, "X");
    Operation second = Operation.insert(1, "Y");

    assertThat(document.apply(first).apply(first.transform(second, true)).text()).isEqualTo("aXYb");
    assertThat(document.apply(second).apply(second.transform(first, false)).text())
        .isEqualTo("aXYb");
  }

  @Test
  void positionsCountCodePoints() {
    Document document = Document.of("😀😀");

    assertThat(document.length()).isEqualTo(2);
    assertThat(document.apply(Operation.insert(1, "a")).text()).isEqualTo("😀a😀");
    assertThat(document.apply(Operation.delete(0, 1)).text()).isEqualTo("😀");
  }

  @Test
  void formattingAndRemovalFollowQuillSemantics() {
    Attributes bold = Attributes.builder().bold(true).build();
    Attributes unbold = Attributes.builder().bold(false).build();
    Document document = Document.of("hello").apply(Operation.format(0, 5, bold));

    assertThat(document.runs()).containsExactly(new Run("hello", bold));
    assertThat(document.apply(Operation.format(1, 2, unbold)).runs())
        .containsExactly(new Run("h", bold), new Run("el", Attributes.NONE), new Run("lo", bold));
    assertThat(new Insert("x", unbold).attributes()).isEqualTo(Attributes.NONE);
  }

  @Test
  void operationsAreCanonical() {
    Operation built =
        Operation.builder().retain(2).delete(1).insert("a").insert("b").retain(3).build();

    assertThat(built.components())
        .containsExactly(new Retain(2, Attributes.NONE), new Insert("ab"), new Delete(1));
    assertThat(Operation.of(List.of(new Delete(1), new Delete(2))))
        .isEqualTo(Operation.delete(0, 3));
    assertThatThrownBy(() -> new Operation(List.of(new Delete(1), new Insert("a"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void attributeValuesAreValidated() {
    Attributes heading = Attributes.builder().heading(Heading.H1).build();

    assertThat(Operation.insert(0, "\n", heading).problems()).isEmpty();
    assertThat(Operation.format(0, 1, Attributes.builder().color("#A0b1c2").build()).problems())
        .isEmpty();
    assertThat(Operation.format(0, 1, Attributes.builder().color("red").build()).problems())
        .isNotEmpty();
    assertThat(Operation.format(0, 1, Attributes.builder().link("javascript:x").build()).problems())
        .isNotEmpty();
  }

  @Test
  void issue22ValuesAreValidatedAgainstTheirSets() {
    var ok =
        Attributes.builder()
            .fontFamily("serif")
            .fontSize(14)
            .highlight("#FFee00")
            .align(Alignment.JUSTIFY)
            .lineSpacing(LineSpacing.ONE_FIFTEEN)
            .indent(FormatValues.MAX_INDENT)
            .list(ListKind.CHECKED)
            .build();
    var removals = Attributes.builder().fontFamily("").fontSize(0).highlight("").indent(0).build();

    assertThat(Operation.insert(0, "\n", ok).problems()).isEmpty();
    assertThat(Operation.format(0, 1, removals).problems()).isEmpty();
    assertThat(problems(Attributes.builder().fontFamily("Comic Sans").build()))
        .containsExactly(
            "fontFamily must be one of [sans-serif, serif, monospace], not Comic Sans");
    assertThat(problems(Attributes.builder().fontSize(13).build()))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("fontSize must be one of [8, 9");
    assertThat(problems(Attributes.builder().fontSize(-1).build()).getFirst())
        .endsWith("not 4294967295");
    assertThat(problems(Attributes.builder().highlight("yellow").build()))
        .containsExactly("highlight must be #rrggbb, not yellow");
    assertThat(problems(Attributes.builder().indent(9).build()))
        .containsExactly("indent must be 0 to 8, not 9");
    assertThat(problems(Attributes.builder().indent(-3).build())).hasSize(1);
  }

  @Test
  void concurrentTicksAndAlignmentOfOneChecklistItemConverge() {
    Document document =
        Document.fromContent(
            Operation.builder()
                .insert("buy milk")
                .insert("\n", Attributes.builder().list(ListKind.UNCHECKED).build())
                .build());
    Operation tick = Operation.format(8, 1, Attributes.builder().list(ListKind.CHECKED).build());
    Operation centre =
        Operation.format(
            8, 1, Attributes.builder().align(Alignment.CENTER).indent(2).fontSize(0).build());

    Document a = document.apply(tick).apply(tick.transform(centre, true));
    Document b = document.apply(centre).apply(centre.transform(tick, false));

    assertThat(a).isEqualTo(b);
    assertThat(a.runs().getLast().attributes())
        .isEqualTo(
            Attributes.builder().list(ListKind.CHECKED).align(Alignment.CENTER).indent(2).build());
    Operation untick = document.inverseOf(tick);
    assertThat(untick)
        .isEqualTo(Operation.format(8, 1, Attributes.builder().list(ListKind.UNCHECKED).build()));
    assertThat(document.apply(tick).apply(untick)).isEqualTo(document);
  }

  @Test
  void theRandomGeneratorsProduceEveryAttributeKey() {
    // Without this, a key the generators never draw would pass every property above vacuously.
    java.util.Set<AttributeKey> seen = java.util.EnumSet.noneOf(AttributeKey.class);
    java.util.Set<ListKind> lists = java.util.EnumSet.noneOf(ListKind.class);
    for (long seed = 0; seed < 2000; seed++) {
      RandomEdits edits = new RandomEdits(seed);
      Document document = edits.document();
      for (Component c : edits.operation(document.length()).components()) {
        Attributes a =
            switch (c) {
              case Insert insert -> insert.attributes();
              case Retain retain -> retain.attributes();
              case Delete delete -> Attributes.NONE;
            };
        for (AttributeKey key : AttributeKey.ALL) {
          if (a.get(key) != null) {
            seen.add(key);
          }
        }
        if (a.list() != null) {
          lists.add(a.list());
        }
      }
    }
    assertThat(seen).containsExactlyInAnyOrder(AttributeKey.ALL);
    assertThat(lists).containsExactlyInAnyOrder(ListKind.values());
  }

  private static List<String> problems(Attributes attributes) {
    return Operation.format(0, 1, attributes).problems();
  }

  private static int boldCodePoints(Document document) {
    int bold = 0;
    for (Run run : document.runs()) {
      if (Boolean.TRUE.equals(run.attributes().bold())) {
        bold += run.text().codePointCount(0, run.text().length());
      }
    }
    return bold;
  }
}
