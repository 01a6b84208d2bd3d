package dev.localecs.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ECS account settings (PutAccountSetting, PutAccountSettingDefault), stored durably per principal: the
 * account default is the setting of the account's root principal. A runtime service, so that what has local
 * meaning (e.g. {@code containerInsights} for new clusters) is honoured by the plugin it concerns.
 */
public interface AccountSettings {

    /** Every setting name of the ECS model ({@code SettingName}), in the model's order. */
    List<String> NAMES = List.of("serviceLongArnFormat", "taskLongArnFormat", "containerInstanceLongArnFormat",
            "awsvpcTrunking", "containerInsights", "fargateFIPSMode", "tagResourceAuthorization",
            "fargateTaskRetirementWaitPeriod", "guardDutyActivate", "defaultLogDriverMode", "fargateEventWindows");

    /** What AWS sets for an account nobody configured. */
    Map<String, String> AWS_DEFAULTS = Map.ofEntries(Map.entry("serviceLongArnFormat", "enabled"),
            Map.entry("taskLongArnFormat", "enabled"), Map.entry("containerInstanceLongArnFormat", "enabled"),
            Map.entry("awsvpcTrunking", "disabled"), Map.entry("containerInsights", "disabled"),
            Map.entry("fargateFIPSMode", "disabled"), Map.entry("tagResourceAuthorization", "on"),
            Map.entry("fargateTaskRetirementWaitPeriod", "7"), Map.entry("guardDutyActivate", "off"),
            Map.entry("defaultLogDriverMode", "non-blocking"), Map.entry("fargateEventWindows", "disabled"));

    /**
     * The settings a principal set itself (for the root principal: the account defaults).
     *
     * @param principalArn the principal
     * @return name to value
     */
    Map<String, String> of(String principalArn);

    /**
     * Sets a setting of a principal.
     *
     * @param principalArn the principal
     * @param name the setting name
     * @param value its value
     */
    void put(String principalArn, String name, String value);

    /**
     * Removes a setting of a principal.
     *
     * @param principalArn the principal
     * @param name the setting name
     * @return the value it had
     */
    Optional<String> remove(String principalArn, String name);

    /**
     * The value in effect for a principal: its own, else the account default (the root principal's), else
     * AWS's.
     *
     * @param principalArn the principal
     * @param rootArn the account's root principal
     * @param name the setting name
     * @return the value
     */
    default String effective(String principalArn, String rootArn, String name) {
        return Optional.ofNullable(of(principalArn).get(name)).or(() -> Optional.ofNullable(of(rootArn).get(name)))
                .orElse(AWS_DEFAULTS.get(name));
    }

    /**
     * Settings in memory (unit tests).
     *
     * @return a new, empty registry
     */
    static AccountSettings inMemory() {
        return new InMemoryAccountSettings();
    }
}
