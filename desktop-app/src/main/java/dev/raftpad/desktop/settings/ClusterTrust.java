package dev.raftpad.desktop.settings;

import dev.raftpad.client.sdk.ClientOptions;
import java.nio.file.Path;
import java.util.Map;

/**
 * How the app reaches the cluster: TLS trusting the CA file in {@code RAFTPAD_CA} (which {@code
 * ./raftpad up} sets to the local cluster's CA, so the local cluster needs no manual step), else
 * the {@value #CA_KEY} setting, else the JDK's trust store (certificates from a public CA).
 * Plaintext only when {@code RAFTPAD_INSECURE=1} or the {@value #INSECURE_KEY} setting is true, for
 * a cluster run with {@code --insecure}.
 *
 * @param ca the CA file to trust, or null
 * @param insecure plaintext instead of TLS
 */
public record ClusterTrust(Path ca, boolean insecure) {
  public static final String CA_KEY = "tls.ca";
  public static final String INSECURE_KEY = "tls.insecure";

  /** The trust the environment (first) and the settings describe. */
  public static ClusterTrust from(Settings settings, Map<String, String> environment) {
    boolean insecure =
        "1".equals(environment.get("RAFTPAD_INSECURE"))
            || Boolean.parseBoolean(settings.get(INSECURE_KEY, "false"));
    if (insecure) {
      return new ClusterTrust(null, true);
    }
    String ca = environment.getOrDefault("RAFTPAD_CA", "");
    if (ca.isBlank()) {
      ca = settings.get(CA_KEY, "");
    }
    return new ClusterTrust(ca.isBlank() ? null : Path.of(ca), false);
  }

  /**
   * {@code options} with this trust; a CA file that is missing or not PEM fails with a one-line
   * {@code BadTlsFileException}.
   */
  public ClientOptions applyTo(ClientOptions options) {
    if (insecure) {
      return options.insecure();
    }
    return ca == null ? options : options.withTrustedCa(ca);
  }
}
