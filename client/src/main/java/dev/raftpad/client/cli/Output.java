package dev.raftpad.client.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Prints results either for people (text) or for scripts ({@code --json}: one JSON value per
 * result, records as objects, instants as ISO-8601, empty optionals as null).
 */
final class Output {
  private static final Gson GSON =
      new GsonBuilder()
          .disableHtmlEscaping()
          .serializeNulls()
          .registerTypeAdapter(Instant.class, new InstantAdapter().nullSafe())
          .registerTypeAdapterFactory(new OptionalAdapterFactory())
          .create();

  private final PrintWriter out;
  private final boolean json;

  Output(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  boolean json() {
    return json;
  }

  /** Prints {@code value} as JSON, or as the text {@code asText} makes of it. */
  <T> void print(T value, Function<T, String> asText) {
    if (json) {
      out.println(GSON.toJson(value));
    } else {
      out.println(asText.apply(value));
    }
    out.flush();
  }

  /** A line for people only (progress, streamed text); JSON output stays parseable. */
  void text(String line) {
    if (!json) {
      out.println(line);
      out.flush();
    }
  }

  /** Streamed text as it arrives (no newline), for people only. */
  void stream(String piece) {
    if (!json) {
      out.print(piece);
      out.flush();
    }
  }

  static String toJson(Object value) {
    return GSON.toJson(value);
  }

  private static final class InstantAdapter extends TypeAdapter<Instant> {
    @Override
    public void write(JsonWriter writer, Instant value) throws IOException {
      writer.value(value.toString());
    }

    @Override
    public Instant read(JsonReader reader) throws IOException {
      return Instant.parse(reader.nextString());
    }
  }

  private static final class OptionalAdapterFactory implements TypeAdapterFactory {
    @Override
    @SuppressWarnings("unchecked") // checked by the raw type test just above
    public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
      if (type.getRawType() != Optional.class) {
        return null;
      }
      Type inner =
          type.getType() instanceof ParameterizedType p
              ? p.getActualTypeArguments()[0]
              : Object.class;
      TypeAdapter<Object> delegate = (TypeAdapter<Object>) gson.getAdapter(TypeToken.get(inner));
      return (TypeAdapter<T>)
          new TypeAdapter<Optional<Object>>() {
            @Override
            public void write(JsonWriter writer, Optional<Object> value) throws IOException {
              if (value == null || value.isEmpty()) {
                writer.nullValue();
              } else {
                delegate.write(writer, value.get());
              }
            }

            @Override
            public Optional<Object> read(JsonReader reader) throws IOException {
              return Optional.ofNullable(delegate.read(reader));
            }
          };
    }
  }
}
