package dev.raftpad.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The optional {@code --config} file: {@code key=value} lines whose keys are the long option names
 * without dashes. Its values become the options' defaults, so the command line still wins. Unknown
 * keys are refused rather than ignored: a misspelt key would otherwise silently start a node with a
 * default the operator meant to change.
 */
final class ConfigFile {
  private ConfigFile() {}

  /** The defaults from the file named by {@code --config} in {@code args}, or none. */
  static CommandLine.IDefaultValueProvider defaultsFor(CommandLine command, String[] args) {
    Path file = configPath(args);
    if (file == null) {
      return argSpec -> null;
    }
    Properties properties = load(command, file);
    Set<String> known = new TreeSet<>();
    for (OptionSpec option : command.getCommandSpec().options()) {
      known.add(option.longestName().replaceFirst("^-+", ""));
    }
    for (String key : properties.stringPropertyNames()) {
      if (!known.contains(key) || key.equals("config")) {
        throw new CommandLine.ParameterException(
            command, file + ": unknown key '" + key + "' (known: " + known + ")");
      }
    }
    return new CommandLine.PropertiesDefaultProvider(properties);
  }

  private static Path configPath(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--config=")) {
        return Path.of(args[i].substring("--config=".length()));
      }
    }
    return null;
  }

  private static Properties load(CommandLine command, Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new CommandLine.ParameterException(
          command, "cannot read the config file " + file + ": " + e.getMessage());
    }
    return properties;
  }
}
