package dev.localecs.runtime.docker;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compose durations ({@code 1m30s}, {@code 500ms}) and sizes ({@code 512m}, {@code 1g}) as numbers. */
final class Quantities {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([bkmgt]?)b?");

    private Quantities() {
    }

    static long nanos(String duration) {
        String text = duration.trim().toLowerCase(Locale.ROOT);
        if (text.matches("\\d+")) {
            return Long.parseLong(text) * 1_000_000_000L;
        }
        Matcher matcher = DURATION.matcher(text);
        long total = 0;
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() != end) {
                throw new IllegalArgumentException("Invalid duration '" + duration + "'");
            }
            double value = Double.parseDouble(matcher.group(1));
            long unit = switch (matcher.group(2)) {
                case "ns" -> 1L;
                case "us" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            total += (long) (value * unit);
            end = matcher.end();
        }
        if (end != text.length() || end == 0) {
            throw new IllegalArgumentException("Invalid duration '" + duration + "'");
        }
        return total;
    }

    static long bytes(String size) {
        Matcher matcher = SIZE.matcher(size.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Invalid size '" + size + "'");
        }
        double value = Double.parseDouble(matcher.group(1));
        long unit = switch (matcher.group(2)) {
            case "k" -> 1024L;
            case "m" -> 1024L * 1024;
            case "g" -> 1024L * 1024 * 1024;
            case "t" -> 1024L * 1024 * 1024 * 1024;
            default -> 1L;
        };
        return (long) (value * unit);
    }
}
