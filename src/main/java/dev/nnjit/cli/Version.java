package dev.nnjit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project version, from version.properties, which Maven fills in when it copies the resources. */
final class Version {
    private Version() {}

    static String get() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
