package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.model.Version;
import dev.raftpad.document.text.Document;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.OptionalLong;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Version history of the open document: versions (grouped by the server, newest first), a preview
 * of any of them, its diff against the current text (its changes, with the unchanged stretches
 * between them cut short), naming and restoring. UI executor only.
 */
public final class HistoryViewModel {
  /** How history panels show a time (the share dialog too). */
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private final EditorViewModel editor;
  private final ObservableList<Version> versions = FXCollections.observableArrayList();
  private final ObjectProperty<Version> selected = new SimpleObjectProperty<>();

  /** How much of a version the preview shows. */
  static final int PREVIEW_LIMIT = 20_000;

  /** Unchanged characters kept on each side of a change in the diff. */
  static final int DIFF_CONTEXT = 300;

  private final StringProperty previewText = new SimpleStringProperty("");
  private final ObservableList<DiffSegment> diff = FXCollections.observableArrayList();
  private final ObservableList<String> sharing = FXCollections.observableArrayList();

  public HistoryViewModel(EditorViewModel editor) {
    this.editor = editor;
  }

  public ObservableList<Version> versions() {
    return versions;
  }

  /** The document's sharing changes as sentences, newest first: its history beside the text's. */
  public ObservableList<String> sharing() {
    return sharing;
  }

  public ObjectProperty<Version> selectedProperty() {
    return selected;
  }

  /** What the preview shows of the selected version ({@link #previewText(Document)}). */
  public ReadOnlyStringProperty previewTextProperty() {
    return previewText;
  }

  /** The selected version against the current text: insertions are what the current adds. */
  public ObservableList<DiffSegment> diff() {
    return diff;
  }

  public void refresh() {
    editor
        .threads()
        .call(
            () -> editor.client().history().listVersions(editor.documentId(), 100, "", false),
            page -> versions.setAll(page.items()),
            e -> editor.notices().accept(Notice.error("History", Problems.describe(e))));
    editor
        .threads()
        .call(
            () -> editor.client().sharing().access(editor.documentId()).changes(),
            changes -> sharing.setAll(changes.stream().map(ShareViewModel::sentence).toList()),
            e -> sharing.clear()); // the versions' read reports what went wrong
  }

  /**
   * Shows {@code version}: its content and its diff to the current text, both computed in the
   * background (a long document's diff and text would hold the FX thread).
   */
  public void select(Version version) {
    selected.set(version);
    if (version == null) {
      return;
    }
    Document now = editor.document();
    editor
        .threads()
        .call(
            () -> {
              Document content =
                  editor
                      .client()
                      .documents()
                      .get(editor.documentId(), OptionalLong.of(version.lastRevision()), false)
                      .content();
              return new Shown(
                  previewText(content),
                  DiffSegment.condensed(DiffSegment.between(content, now), DIFF_CONTEXT));
            },
            shown -> {
              previewText.set(shown.previewText());
              diff.setAll(shown.diff());
            },
            e -> editor.notices().accept(Notice.error("Preview", Problems.describe(e))));
  }

  /** A version made ready to show, off the FX thread. */
  private record Shown(String previewText, List<DiffSegment> diff) {}

  /**
   * The preview's text: the version's beginning, at most {@link #PREVIEW_LIMIT} characters (a text
   * control lays out all it holds), saying how much more there is.
   */
  static String previewText(Document content) {
    if (content.length() <= PREVIEW_LIMIT) {
      return content.text();
    }
    return content.text(0, PREVIEW_LIMIT)
        + String.format(
            java.util.Locale.ROOT,
            "%n⋯ (the first %,d of %,d characters; Restore brings back the whole version)",
            PREVIEW_LIMIT,
            content.length());
  }

  /** Names the selected version (empty = remove the name). */
  public void name(String name) {
    Version version = selected.get();
    if (version == null) {
      return;
    }
    editor
        .threads()
        .call(
            () ->
                editor
                    .client()
                    .history()
                    .nameVersion(editor.documentId(), version.lastRevision(), name.strip()),
            named -> refresh(),
            e -> editor.notices().accept(Notice.error("Name version", Problems.describe(e))));
  }

  /** Makes the selected version the current text again, as a new edit others see merge in. */
  public void restore() {
    Version version = selected.get();
    if (version == null) {
      return;
    }
    editor
        .threads()
        .call(
            () -> editor.client().history().restore(editor.documentId(), version.lastRevision()),
            revision -> {
              editor
                  .notices()
                  .accept(Notice.info("Restored", "Restored " + describe(version) + "."));
              refresh();
            },
            e -> editor.notices().accept(Notice.error("Restore", Problems.describe(e))));
  }

  /** "Named · Ada · 2026-01-02 10:00 · revisions 3–7" for the list. */
  public static String describe(Version v) {
    return String.join(
        " · ",
        List.of(
                v.name().map(n -> "“" + n + "”").orElse(""),
                Users.name(v.author()),
                TIME.format(v.endTime()),
                v.firstRevision() == v.lastRevision()
                    ? "revision " + v.lastRevision()
                    : "revisions " + v.firstRevision() + "–" + v.lastRevision())
            .stream()
            .filter(s -> !s.isEmpty())
            .toList());
  }
}
