package dev.localecs.plugins.account;

import dev.localecs.api.AccountSettings;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** What the account-setting actions share: names, values each setting takes, principals, the answer. */
final class Settings {
    private static final Pattern PRINCIPAL = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:(root|user/.+|role/.+)");
    private static final Map<String, List<String>> VALUES = Map.ofEntries(
            Map.entry("serviceLongArnFormat", List.of("enabled")),
            Map.entry("taskLongArnFormat", List.of("enabled")),
            Map.entry("containerInstanceLongArnFormat", List.of("enabled")),
            Map.entry("awsvpcTrunking", List.of("enabled", "disabled")),
            Map.entry("containerInsights", List.of("enabled", "disabled", "enhanced")),
            Map.entry("fargateFIPSMode", List.of("enabled", "disabled")),
            Map.entry("tagResourceAuthorization", List.of("on", "off")),
            Map.entry("fargateTaskRetirementWaitPeriod", List.of("0", "7", "14")),
            Map.entry("guardDutyActivate", List.of()),
            Map.entry("defaultLogDriverMode", List.of("blocking", "non-blocking")),
            Map.entry("fargateEventWindows", List.of("enabled", "disabled")));

    private Settings() {
    }

    /** A setting name of the model. */
    static void checkName(String name) {
        if (!AccountSettings.NAMES.contains(name)) {
            throw EcsException.invalidParameter(name + " should be one of [" + String.join(",", AccountSettings.NAMES)
                    + "]");
        }
    }

    /** A value the setting takes; the long ARN formats can no longer be disabled, guardDutyActivate is GuardDuty's. */
    static void checkValue(String name, String value) {
        checkName(name);
        if (name.equals("guardDutyActivate")) {
            throw EcsException.invalidParameter("guardDutyActivate is read-only in Amazon ECS: Runtime Monitoring "
                    + "is turned on and off in Amazon GuardDuty.");
        }
        if (name.endsWith("LongArnFormat") && "disabled".equals(value)) {
            throw EcsException.invalidParameter("You can no longer disable the " + name + " setting: long ARNs are "
                    + "the only format.");
        }
        if (!VALUES.get(name).contains(value)) {
            throw EcsException.invalidParameter("Invalid value '" + value + "' for " + name + ". Valid values: "
                    + String.join(", ", VALUES.get(name)) + ".");
        }
    }

    /** The principal a request acts for: the given IAM ARN, or the caller (the account root here). */
    static String principal(PluginContext context, String principalArn) {
        if (principalArn == null || principalArn.isEmpty()) {
            return context.arns().accountRoot();
        }
        if (!PRINCIPAL.matcher(principalArn).matches()) {
            throw EcsException.invalidParameter("principalArn '" + principalArn + "' is not the ARN of an IAM user, "
                    + "IAM role or the root user.");
        }
        return principalArn;
    }

    /** A {@code Setting} as the answers show it. */
    static Map<String, String> setting(String name, String value, String principalArn, String type) {
        Map<String, String> setting = new LinkedHashMap<>();
        setting.put("name", name);
        setting.put("value", value);
        setting.put("principalArn", principalArn);
        setting.put("type", type);
        return setting;
    }
}
