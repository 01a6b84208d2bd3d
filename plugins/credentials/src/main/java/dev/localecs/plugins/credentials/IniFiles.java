package dev.localecs.plugins.credentials;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The AWS shared credentials/config file format: {@code [profile]} sections of {@code key = value} lines. */
final class IniFiles {
    private IniFiles() {
    }

    static Map<String, Map<String, String>> parse(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String name = line.substring(1, line.length() - 1).strip();
                if (name.startsWith("profile ")) {
                    name = name.substring("profile ".length()).strip();
                }
                current = sections.computeIfAbsent(name, k -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (current != null && eq > 0) {
                current.put(line.substring(0, eq).strip().toLowerCase(Locale.ROOT),
                        line.substring(eq + 1).strip());
            }
        }
        return sections;
    }
}
