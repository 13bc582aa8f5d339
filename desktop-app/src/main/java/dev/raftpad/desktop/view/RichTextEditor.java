package dev.raftpad.desktop.view;

import dev.raftpad.client.sdk.model.Suggestion;
import dev.raftpad.desktop.viewmodel.BlockStyle;
import dev.raftpad.desktop.viewmodel.EditorViewModel;
import dev.raftpad.desktop.viewmodel.Highlight;
import dev.raftpad.desktop.viewmodel.ImageSource;
import dev.raftpad.desktop.viewmodel.InlineStyle;
import dev.raftpad.desktop.viewmodel.ReviewViewModel;
import dev.raftpad.desktop.viewmodel.TypingCaret;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Delete;
import dev.raftpad.document.op.Insert;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Retain;
import dev.raftpad.document.op.Selection;
import dev.raftpad.document.text.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntUnaryOperator;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.model.PlainTextChange;
import org.fxmisc.richtext.model.ReadOnlyStyledDocument;
import org.fxmisc.richtext.model.SegmentOps;
import org.fxmisc.richtext.model.TwoDimensional;
import org.fxmisc.richtext.util.UndoUtils;
import org.reactfx.util.Either;

/**
 * The RichTextFX area bound to an {@link EditorViewModel}: the user's typing becomes operations,
 * operations from elsewhere (remote edits, formatting, undo) are applied to the area keeping the
 * caret and selection where they belong, and the formatting is rendered from the document.
 */
final class RichTextEditor implements EditorViewModel.Surface {
  private final EditorViewModel model;
  private final ReviewViewModel review;
  private final InlineImages images;
  private final EditorArea area;
  private final StackPane root;
  private final RemoteCaretLayer carets;

  /** True while this class changes the area, so its own changes are not taken for typing. */
  private boolean applying;

  private boolean restylePending;

  /** Backspace with no selection was the last key pressed (see {@link TypingCaret}). */
  private boolean backward;

  /** Where the caret goes when the area is reloaded after a suggested deletion; -1: unchanged. */
  private int caretAfterReload = -1;

  /**
   * Where the area's look lags behind the document (code points of the document), or null: only the
   * lines it touches are restyled on the next render.
   */
  private DirtyRange dirty;

  /**
   * Suggesting: text the user deleted stays in the document (struck through) but is gone from the
   * area; it is put back (area offsets [from, to) replaced by {@code text}) on the next turn, as
   * the area may not be changed while it reports a change.
   */
  private record TextFix(int from, int to, String text) {}

  private TextFix pendingFix;

  /** The paragraphs' block formats as shown (the list markers are drawn from them). */
  private final ShownLines lines = new ShownLines();

  /** The comment highlights as drawn, moved along with the text since. */
  private List<Highlight> shownHighlights = List.of();

  /** The suggestion looks as drawn. */
  private Map<String, RichStyles.SuggestionLook> shownLooks = Map.of();

  /** The review's items changed since the looks were read: read them on the next render. */
  private boolean looksStale = true;

  /**
   * Documents up to this many code points are shown at once; a larger one is built into the area's
   * content in the background (a million code points take a good part of a second), with "Loading…"
   * shown meanwhile.
   */
  static final int LOAD_IN_PLACE = 50_000;

  /** The area's whole content for one document, and what it was built with. */
  private record Built(
      ReadOnlyStyledDocument<String, Either<String, InlineImage>, String> styled,
      List<Attributes> lineFormats,
      Map<String, RichStyles.SuggestionLook> looks) {}

  /** An operation applied to the model while a load was under way, and the document after it. */
  private record Applied(Operation operation, Document after) {}

  /**
   * A load under way in the background: the operations the model applied since its snapshot are
   * kept, in order, and replayed onto the built content when it is swapped in, so none is lost. A
   * class, not a record: a load is told from a later one by identity.
   */
  private static final class Loading {
    final List<Applied> since = new ArrayList<>();
  }

  /** The load under way, or null when the area shows the model's document. */
  private Loading loading;

  /** False while a load is under way: the area is then not editable and says "Loading…". */
  private final javafx.beans.property.BooleanProperty loaded =
      new javafx.beans.property.SimpleBooleanProperty(true);

  private java.util.function.Consumer<String> others =
      name -> {
        throw new IllegalArgumentException(name);
      };

  RichTextEditor(EditorViewModel model, ReviewViewModel review) {
    this.model = model;
    this.review = review;
    this.images = new InlineImages(model.threads());
    this.area = new EditorArea(images::node);
    area.setId("editor-area");
    area.showing(model::document);
    area.getStyleClass().add("raftpad-editor");
    area.setWrapText(true);
    area.setPadding(new Insets(12));
    // Undo is the session's (own edits only), never the area's.
    area.setUndoManager(UndoUtils.noOpUndoManager());
    area.setParagraphGraphicFactory(this::marker);
    // Images fit the page column: the area less its padding and room for the caret.
    images
        .columnWidth()
        .bind(javafx.beans.binding.Bindings.max(40, area.widthProperty().subtract(48)));
    VirtualizedScrollPane<EditorArea> scroll = new VirtualizedScrollPane<>(area);
    carets = new RemoteCaretLayer(area, model.colours()::of);
    Label loadingNote = new Label("Loading…");
    loadingNote.setId("editor-loading");
    loadingNote.getStyleClass().add("text-muted");
    loadingNote.setMouseTransparent(true);
    loadingNote.visibleProperty().bind(loaded.not());
    root = new StackPane(scroll, carets.overlay(), loadingNote);
    load(model.document());
    area.plainTextChanges().subscribe(this::typed);
    area.caretPositionProperty().addListener((o, was, now) -> selectionMoved());
    area.anchorProperty().addListener((o, was, now) -> selectionMoved());
    // Nothing typed while the content loads: the area does not show the document yet.
    area.editableProperty().bind(model.readOnlyProperty().not().and(loaded));
    EditorKeys.install(area, this::command);
    area.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> backward = e.getCode() == KeyCode.BACK_SPACE && area.getSelection().getLength() == 0);
    area.addEventFilter(KeyEvent.KEY_PRESSED, this::tabInList);
    // Comment highlights follow the active card, the draft and the threads; suggestion looks
    // (their authors' colours) follow the items.
    review.activeProperty().addListener((o, was, now) -> restyle());
    review.draftProperty().addListener((o, was, now) -> restyle());
    review
        .itemsProperty()
        .addListener(
            (o, was, now) -> {
              looksStale = true;
              restyle();
            });
    model.carets().addListener((javafx.collections.ListChangeListener<Object>) c -> showCarets());
    model.attach(this);
  }

  StackPane node() {
    return root;
  }

  EditorArea area() {
    return area;
  }

  /** False while a large document's content is built in the background ("Loading…"). */
  javafx.beans.property.ReadOnlyBooleanProperty loadedProperty() {
    return loaded;
  }

  /** Where the document's images come from (until called: nowhere, each drawn as broken). */
  void showImagesFrom(ImageSource source) {
    images.source(source);
  }

  // --- From the user. ------------------------------------------------------------------------

  private void typed(PlainTextChange change) {
    if (applying || loading != null) {
      return;
    }
    // The area's text before this change is the document's: positions convert through its tree.
    Document before = model.document();
    int position = AreaPositions.fromArea(before, change.getPosition());
    int deleted = AreaPositions.length(change.getRemoved());
    int inserted = AreaPositions.length(change.getInserted());
    if (!model.typed(position, deleted, change.getInserted())) {
      // Refused (read-only): put the document back as it is.
      Platform.runLater(() -> reset(model.document()));
      return;
    }
    Document after = model.document();
    // What the document now holds where the user replaced text: in suggesting mode also the
    // deleted text, which stays struck through; the area gets it back on the next turn, and the
    // caret goes where TypingCaret says.
    int replacement = after.length() - (before.length() - deleted);
    if (replacement != inserted && replacement >= 0) {
      pendingFix =
          new TextFix(
              change.getPosition(),
              change.getPosition() + change.getInserted().length(),
              after.text(position, replacement));
      if (deleted > 0 && replacement > inserted) {
        caretAfterReload = TypingCaret.after(position, replacement - inserted, inserted, backward);
      }
    }
    int now = Math.max(0, replacement);
    dirty =
        dirty == null
            ? DirtyRange.replaced(position, now)
            : dirty.throughReplace(position, deleted, now);
    shownHighlights =
        moved(
            shownHighlights,
            p -> p < position ? p : p >= position + deleted ? p + now - deleted : position);
    if (pendingFix == null) {
      // The caret may have been reported before the document had the change: report it again.
      selectionMoved();
    }
  }

  private void selectionMoved() {
    if (applying || pendingFix != null || loading != null) {
      return;
    }
    Document shown = model.document();
    int caret = AreaPositions.fromArea(shown, area.getCaretPosition());
    model.selectionChanged(new Selection(AreaPositions.fromArea(shown, area.getAnchor()), caret));
    review.caretMoved(caret);
  }

  /** A toolbar or shortcut command by name. */
  void command(String name) {
    switch (name) {
      case "bold" -> model.toggle(InlineStyle.BOLD);
      case "italic" -> model.toggle(InlineStyle.ITALIC);
      case "underline" -> model.toggle(InlineStyle.UNDERLINE);
      case "strikethrough" -> model.toggle(InlineStyle.STRIKETHROUGH);
      case "code" -> model.toggle(InlineStyle.CODE);
      case "h1" -> model.toggle(BlockStyle.H1);
      case "h2" -> model.toggle(BlockStyle.H2);
      case "h3" -> model.toggle(BlockStyle.H3);
      case "bullets" -> model.toggle(BlockStyle.BULLET_LIST);
      case "numbers" -> model.toggle(BlockStyle.NUMBERED_LIST);
      case "quote" -> model.toggle(BlockStyle.QUOTE);
      case "checklist" -> model.toggle(BlockStyle.CHECKLIST);
      case "align-left", "align-center", "align-right", "align-justify" ->
          model.formatLines(Attributes.builder().align(FormatBar.alignment(name)).build());
      case "indent" -> model.indent(1);
      case "outdent" -> model.indent(-1);
      case "clear-formatting" -> model.clearFormatting();
      case "undo" -> model.undo();
      case "redo" -> model.redo();
      case "comment" -> review.beginComment();
      // Cut and copy are the editor view's (ClipboardCopy: formats and images, not just text).
      case "paste-plain" -> pastePlain();
      case "select-all" -> area.selectAll();
      case "context-menu" -> showContextMenu();
      default -> others.accept(name);
    }
  }

  /** Commands that are not the area's own (find, zoom, link...): the editor view runs them. */
  void onOtherCommand(java.util.function.Consumer<String> handler) {
    this.others = handler;
  }

  /** The context menu from the keyboard (Shift+F10, the Menu key): at the caret. */
  private void showContextMenu() {
    var menu = area.getContextMenu();
    if (menu != null) {
      area.getCaretBounds().ifPresent(b -> menu.show(area, b.getMaxX(), b.getMaxY()));
    }
  }

  /** Pastes the clipboard's text only: typed text takes the formatting around it. */
  private void pastePlain() {
    String text = javafx.scene.input.Clipboard.getSystemClipboard().getString();
    if (text != null && area.isEditable()) {
      area.replaceSelection(text);
    }
  }

  /** Tab and Shift+Tab in a list line indent and outdent it instead of typing a tab. */
  private void tabInList(KeyEvent e) {
    if (e.getCode() != KeyCode.TAB || e.isShortcutDown() || e.isAltDown()) {
      return;
    }
    var list = model.lineFormatAtCaret().list();
    if (list != null && list != dev.raftpad.document.op.ListKind.NONE) {
      model.indent(e.isShiftDown() ? -1 : 1);
      e.consume();
    }
  }

  // --- From the model (Surface). -------------------------------------------------------------

  @Override
  public void apply(Operation operation) {
    if (loading != null) {
      loading.since.add(new Applied(operation, model.document()));
      return;
    }
    putBackSuggestedDeletion();
    applying = true;
    try {
      applyText(operation, model.document());
      select(model.selection());
    } finally {
      applying = false;
    }
    render();
    showCarets();
  }

  /**
   * Changes the area's text by {@code operation}, whose result is {@code after}, and moves the
   * dirty range and the drawn highlights along. The area's text before each component's position is
   * {@code after}'s, so positions convert through its tree.
   */
  private void applyText(Operation operation, Document after) {
    int position = 0;
    for (var component : operation.components()) {
      switch (component) {
        case Retain r -> position += r.count();
        case Insert i -> {
          area.insertText(AreaPositions.toArea(after, position), i.text());
          position += i.length();
        }
        case Delete d -> {
          int from = AreaPositions.toArea(after, position);
          area.deleteText(from, from + areaUnits(from, d.count()));
        }
      }
    }
    Optional<DirtyRange> touched = DirtyRange.touchedBy(operation);
    DirtyRange carried = dirty == null ? null : dirty.through(operation);
    dirty = carried == null ? touched.orElse(null) : touched.map(carried::union).orElse(carried);
    shownHighlights = moved(shownHighlights, p -> operation.transformPosition(p, true));
  }

  /**
   * How many UTF-16 units the area's next {@code codePoints} code points from {@code from} take.
   */
  private int areaUnits(int from, int codePoints) {
    String text = area.getText(from, Math.min(area.getLength(), from + 2 * codePoints));
    return text.offsetByCodePoints(0, Math.min(codePoints, text.codePointCount(0, text.length())));
  }

  @Override
  public void restyle() {
    // Typing reports its change while the area is still handling it; render right after.
    if (!restylePending) {
      restylePending = true;
      Platform.runLater(
          () -> {
            restylePending = false;
            render();
          });
    }
  }

  @Override
  public void reset(Document document) {
    pendingFix = null;
    load(document);
    showCarets();
  }

  /**
   * Shows {@code document} whole: its text, styled, in one replace of the area's content. A large
   * document's content is built in the background from this snapshot and swapped in on a later
   * turn, with the operations applied to the model meanwhile replayed onto it.
   */
  private void load(Document document) {
    Map<String, RichStyles.SuggestionLook> looks =
        RichStyles.looks(review.suggestions(), model.colours()::of);
    if (document.length() <= LOAD_IN_PLACE) {
      loading = null;
      show(build(document, looks), List.of());
      return;
    }
    Loading load = new Loading();
    loading = load;
    loaded.set(false);
    model
        .threads()
        .compute(
            () -> build(document, looks),
            built -> {
              if (loading == load) {
                show(built, load.since);
              }
            },
            failure -> {
              if (loading == load) {
                // Building is pure; should it ever fail, the FX thread builds what it can.
                show(build(model.document(), looks), List.of());
              }
            });
  }

  /** The area's content for {@code document}; reads nothing but its arguments (any thread). */
  private static Built build(Document document, Map<String, RichStyles.SuggestionLook> looks) {
    return new Built(
        RichStyles.styledDocument(document, looks, SEGMENTS),
        RichStyles.lineFormats(document),
        looks);
  }

  /**
   * Swaps {@code built} in as the area's whole content (one change of the area), then replays the
   * operations the model applied since its document ({@code since}), and catches the look up.
   */
  private void show(Built built, List<Applied> since) {
    loading = null;
    shownLooks = built.looks();
    // The review may have read the suggestions again while this was built: compare on catch-up.
    looksStale = true;
    applying = true;
    try {
      area.replace(0, area.getLength(), built.styled());
      lines.reset(built.lineFormats());
      // The comment highlights are laid over the lines they cover by the catch-up.
      shownHighlights = List.of();
      dirty = null;
      for (Applied applied : since) {
        applyText(applied.operation(), applied.after());
      }
      if (caretAfterReload >= 0) {
        model.selectionChanged(
            Selection.caret(Math.min(caretAfterReload, model.document().length())));
        caretAfterReload = -1;
      }
      select(model.selection());
      // A new factory makes the area rebuild the list markers (of the paragraphs on screen).
      area.setParagraphGraphicFactory(this::marker);
    } finally {
      applying = false;
    }
    loaded.set(true);
    catchUp(model.document());
    showCarets();
  }

  /** How the area's segments are made: text, and an image segment for each image character. */
  static final RichStyles.Segments<Either<String, InlineImage>> SEGMENTS =
      new RichStyles.Segments<>() {
        @Override
        public SegmentOps<Either<String, InlineImage>, String> ops() {
          return EditorArea.SEGMENTS;
        }

        @Override
        public Either<String, InlineImage> text(String text) {
          return Either.left(text);
        }

        @Override
        public Either<String, InlineImage> image(String id) {
          return Either.right(new InlineImage(id));
        }
      };

  /** Suggesting: gives the area back the text the user deleted (see {@link #pendingFix}). */
  private void putBackSuggestedDeletion() {
    TextFix fix = pendingFix;
    if (fix == null) {
      return;
    }
    pendingFix = null;
    applying = true;
    try {
      int length = area.getLength();
      area.replaceText(Math.min(fix.from(), length), Math.min(fix.to(), length), fix.text());
      if (caretAfterReload >= 0) {
        model.selectionChanged(
            Selection.caret(Math.min(caretAfterReload, model.document().length())));
        caretAfterReload = -1;
      }
      select(model.selection());
    } finally {
      applying = false;
    }
  }

  private void select(Selection selection) {
    Document shown = model.document();
    area.selectRange(
        AreaPositions.toArea(shown, selection.anchor()),
        AreaPositions.toArea(shown, selection.head()));
  }

  /**
   * Renders the formatting where it lags behind the document: the lines the dirty range touches,
   * and those whose comment highlights or suggestion looks changed. Heals the area if it ever
   * drifted from the model (cheaply: its length and paragraph count against the document's).
   */
  private void render() {
    if (loading != null) {
      return; // the swap catches up
    }
    putBackSuggestedDeletion();
    Document document = model.document();
    if (area.getLength() != document.utf16Length()
        || area.getParagraphs().size() != document.lineCount()) {
      load(document);
      return;
    }
    catchUp(document);
  }

  /**
   * Restyles where the look lags behind {@code document} (the area's text): the dirty range, and
   * where comment highlights or suggestion looks changed.
   */
  private void catchUp(Document document) {
    if (looksStale) {
      // The review reads the suggestions in the background; their looks change only with it.
      looksStale = false;
      List<Suggestion> suggestions = review.suggestions();
      var looks = RichStyles.looks(suggestions, model.colours()::of);
      relooked(suggestions, looks).ifPresent(this::makeDirty);
      shownLooks = looks;
    }
    DirtyRange.changedHighlights(shownHighlights, review.highlights()).ifPresent(this::makeDirty);
    if (dirty != null) {
      DirtyRange range = dirty;
      dirty = null;
      restyleLines(document, range);
    }
  }

  private void makeDirty(DirtyRange range) {
    dirty = dirty == null ? range : dirty.union(range);
  }

  /** Restyles the lines {@code range} touches: text, comment highlights, paragraphs, markers. */
  private void restyleLines(Document document, DirtyRange range) {
    int first = range.firstLine(document);
    int last = range.lastLine(document);
    shownHighlights = review.highlights();
    applying = true;
    try {
      var styled = RichStyles.lines(document, first, last, shownLooks);
      if (placeImages(document, styled.images())) {
        select(model.selection());
      }
      if (styled.spans() != null) {
        area.setStyleSpans(
            document.toUtf16(styled.start()),
            RichStyles.highlight(styled.spans(), document, styled.start(), shownHighlights));
      }
      for (int p = first; p <= last; p++) {
        String style = RichStyles.paragraph(styled.formats().get(p - first));
        if (!style.equals(area.getParagraph(p).getParagraphStyle())) {
          area.setParagraphStyle(p, style);
        }
      }
      if (lines.update(first, styled.formats(), document.lineCount())) {
        // A new factory makes the area rebuild the list markers (of the paragraphs on screen).
        area.setParagraphGraphicFactory(this::marker);
      }
    } finally {
      applying = false;
    }
  }

  /**
   * Makes each image character an image segment of the area, where it is not one yet (it stays one
   * as the text around it changes). Returns whether any was placed.
   */
  private boolean placeImages(Document document, List<RichStyles.ImageAt> at) {
    boolean placed = false;
    for (var image : at) {
      int offset = document.toUtf16(image.position());
      var shown = area.getDocument().subSequence(offset, offset + 1).getParagraph(0).getSegments();
      if (shown.stream().noneMatch(s -> s.isRight() && s.getRight().id().equals(image.id()))) {
        int paragraph = area.offsetToPosition(offset, TwoDimensional.Bias.Forward).getMajor();
        area.replace(
            offset,
            offset + 1,
            ReadOnlyStyledDocument.fromSegment(
                Either.<String, InlineImage>right(new InlineImage(image.id())),
                area.getParagraph(paragraph).getParagraphStyle(),
                "",
                EditorArea.SEGMENTS));
        placed = true;
      }
    }
    return placed;
  }

  /** Where suggestions are marked whose look is new or changed since drawn. */
  private Optional<DirtyRange> relooked(
      List<Suggestion> suggestions, Map<String, RichStyles.SuggestionLook> looks) {
    DirtyRange range = null;
    for (Suggestion s : suggestions) {
      if (!Objects.equals(looks.get(s.id()), shownLooks.get(s.id()))) {
        int start = Math.max(0, s.start());
        DirtyRange marked = new DirtyRange(start, Math.max(start, s.end()));
        range = range == null ? marked : range.union(marked);
      }
    }
    return Optional.ofNullable(range);
  }

  /** Highlights with their ends moved as the text moved. */
  private static List<Highlight> moved(List<Highlight> highlights, IntUnaryOperator move) {
    if (highlights.isEmpty()) {
      return highlights;
    }
    List<Highlight> out = new ArrayList<>(highlights.size());
    for (Highlight h : highlights) {
      int start = move.applyAsInt(h.start());
      out.add(new Highlight(start, Math.max(start, move.applyAsInt(h.end())), h.active()));
    }
    return out;
  }

  /** The paragraph's list marker (a checkbox or a label), or null for a paragraph in no list. */
  private javafx.scene.Node marker(int paragraph) {
    List<Attributes> lines = this.lines.formats();
    if (RichStyles.isChecklist(lines, paragraph)) {
      // A real checkbox: clicking it ticks the item for everyone (a retain over its line end).
      CheckBox box = new CheckBox();
      box.setId("check-" + paragraph);
      box.getStyleClass().add("list-marker");
      box.setSelected(lines.get(paragraph).list() == dev.raftpad.document.op.ListKind.CHECKED);
      box.setFocusTraversable(false);
      box.disableProperty().bind(model.formattingDisabledProperty());
      box.setOnAction(e -> model.toggleChecked(paragraph));
      return box;
    }
    String text = RichStyles.marker(lines, paragraph);
    if (text.isEmpty()) {
      // Most paragraphs are no list item: no node at all, rather than an empty label whose skin,
      // CSS and layout every paragraph scrolled into view paid for.
      return null;
    }
    Label label = new Label(text);
    label.getStyleClass().add("list-marker");
    label.setMinWidth(22);
    return label;
  }

  private void showCarets() {
    if (loading != null) {
      return;
    }
    carets.show(model.carets(), model.document());
  }
}
