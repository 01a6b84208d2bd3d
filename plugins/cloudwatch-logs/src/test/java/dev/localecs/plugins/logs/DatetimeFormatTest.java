package dev.localecs.plugins.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** awslogs-datetime-format tokens converted as Docker's awslogs driver converts them. */
class DatetimeFormatTest {

    private static boolean starts(String format, String line) {
        return DatetimeFormat.toPattern(format).matcher(line).find();
    }

    @Test
    void tokensBecomeAnchoredExpressions() {
        assertThat(starts("%Y-%m-%dT%H:%M:%S%z", "2026-11-30T07:11:52+0100 message")).isTrue();
        assertThat(starts("%Y-%m-%dT%H:%M:%S%z", "x 2026-11-30T07:11:52+0100")).as("anchored").isFalse();
        assertThat(starts("%Y-%m-%d", "2026-13-01")).as("no month 13").isFalse();
        assertThat(starts("\\[%b %d, %Y %I:%M:%S %p\\]", "[Nov 30, 2026 07:11:52 AM] x")).isTrue();
        assertThat(starts("%a %A %B %j %y %Z", "Mon Monday November 334 26 UTC")).isTrue();
        assertThat(starts("%H:%M:%S%L", "07:11:52.123")).isTrue();
        assertThat(starts("%H:%M:%S.%f", "07:11:52.123456")).isTrue();
        assertThat(starts("100%% %H", "100% 07")).isTrue();
        assertThat(DatetimeFormat.toPattern("%Y").pattern()).isEqualTo("^\\d{4}");
        assertThat(DatetimeFormat.toPattern("%Q").pattern()).as("unknown tokens stay").isEqualTo("^%Q");
    }
}
