package dev.raftpad.llm.task;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chat prompt for one task, loaded from a resource file with two sections:
 *
 * <pre>
 * # system
 * the system message
 * # user
 * the user message, with {placeholders}
 * </pre>
 *
 * <p>Placeholders are filled in one pass, so text that itself contains {@code {question}} is left
 * as it is.
 *
 * @param system the system message
 * @param user the user message template
 */
public record PromptTemplate(String system, String user) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)\\}");
  private static final Pattern SECTIONS =
      Pattern.compile("(?s)\\A# system\\n(.*?)\\n# user\\n(.*?)\\n?\\z");

  /** Loads {@code /prompts/<name>.txt} from the class path. */
  public static PromptTemplate load(String name) {
    String resource = "/prompts/" + name + ".txt";
    try (InputStream in = PromptTemplate.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing prompt resource " + resource);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses the two-section format. */
  public static PromptTemplate parse(String source) {
    Matcher matcher = SECTIONS.matcher(source.replace("\r\n", "\n"));
    if (!matcher.matches()) {
      throw new IllegalArgumentException("a prompt file has a '# system' then a '# user' section");
    }
    return new PromptTemplate(matcher.group(1).strip(), matcher.group(2).strip());
  }

  /** The user message with every placeholder replaced by its value. */
  public String userMessage(Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(user);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new IllegalArgumentException("no value for {" + matcher.group(1) + "}");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
