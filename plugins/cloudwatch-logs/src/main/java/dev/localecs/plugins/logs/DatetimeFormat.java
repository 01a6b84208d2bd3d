package dev.localecs.plugins.logs;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code awslogs-datetime-format} as Docker's awslogs driver reads it: strftime-like tokens ({@code %Y-%m-%d
 * %H:%M:%S}) become regular expressions, the rest is kept as regular-expression text, and the whole is anchored
 * at the line's start. A line matching it starts a new event.
 */
final class DatetimeFormat {
    /** Docker's token table (daemon/logger/awslogs: strftimeToRegex). */
    private static final Map<Character, String> TOKENS = Map.ofEntries(
            Map.entry('a', "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"),
            Map.entry('A', "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"),
            Map.entry('b', "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"),
            Map.entry('B', "(?:January|February|March|April|May|June|July|August|September|October|November"
                    + "|December)"),
            Map.entry('d', "(?:0[1-9]|[1,2][0-9]|3[0,1])"),
            Map.entry('H', "(?:[0,1][0-9]|2[0-3])"),
            Map.entry('I', "(?:0[0-9]|1[0-2])"),
            Map.entry('j', "(?:0[0-9][1-9]|[1,2][0-9][0-9]|3[0-5][0-9]|36[0-6])"),
            Map.entry('L', "\\.\\d{3}"),
            Map.entry('m', "(?:0[1-9]|1[0-2])"),
            Map.entry('M', "[0-5][0-9]"),
            Map.entry('f', "\\d{6}"),
            Map.entry('p', "[A,P]M"),
            Map.entry('S', "[0-5][0-9]"),
            Map.entry('y', "\\d{2}"),
            Map.entry('Y', "\\d{4}"),
            Map.entry('z', "[+-]\\d{4}"),
            Map.entry('Z', "[A-Z]{1,4}T"),
            Map.entry('%', "%"));

    private DatetimeFormat() {
    }

    /**
     * The pattern a new event's first line matches.
     *
     * @param format the {@code awslogs-datetime-format} value
     * @return the anchored pattern
     * @throws PatternSyntaxException when the converted text is not a regular expression
     */
    static Pattern toPattern(String format) {
        StringBuilder regex = new StringBuilder("^");
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '%' && i + 1 < format.length() && TOKENS.containsKey(format.charAt(i + 1))) {
                regex.append(TOKENS.get(format.charAt(++i)));
            } else {
                regex.append(c);
            }
        }
        return Pattern.compile(regex.toString());
    }
}
