package dev.localecs.plugins.account;

import dev.localecs.api.AccountSettings;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.Page;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * ListAccountSettings: the settings a principal (the caller, i.e. the account root, unless given) set itself;
 * with {@code effectiveSettings}, every setting of the model with the value in effect for it — its own, else
 * the account default, else AWS's ({@code type aws_managed}).
 */
@Extension
public final class ListAccountSettingsAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public ListAccountSettingsAction(PluginContext context) {
        this.context = context;
    }

    record Request(String name, String value, String principalArn, Boolean effectiveSettings, String nextToken,
                   Integer maxResults) {
    }

    @Override
    public String name() {
        return "ListAccountSettings";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        if (body.name() != null) {
            Settings.checkName(body.name());
        }
        if (body.value() != null && body.name() == null) {
            throw EcsException.invalidParameter("value can only be specified together with name.");
        }
        if (body.maxResults() != null && (body.maxResults() < 1 || body.maxResults() > 10)) {
            throw EcsException.invalidParameter("maxResults must be between 1 and 10.");
        }
        String principal = Settings.principal(context, body.principalArn());
        String root = context.arns().accountRoot();
        Map<String, String> own = context.accountSettings().of(principal);
        Map<String, String> defaults = context.accountSettings().of(root);
        List<Map<String, String>> settings = new ArrayList<>();
        for (String name : AccountSettings.NAMES) {
            if (body.name() != null && !body.name().equals(name)) {
                continue;
            }
            Map<String, String> setting;
            if (own.containsKey(name)) {
                setting = Settings.setting(name, own.get(name), principal, "user");
            } else if (!Boolean.TRUE.equals(body.effectiveSettings())) {
                continue;
            } else if (defaults.containsKey(name)) {
                setting = Settings.setting(name, defaults.get(name), principal, "user");
            } else {
                setting = Settings.setting(name, AccountSettings.AWS_DEFAULTS.get(name), principal, "aws_managed");
            }
            if (body.value() == null || body.value().equals(setting.get("value"))) {
                settings.add(setting);
            }
        }
        Page<Map<String, String>> page = Page.of(settings, body.maxResults(), body.nextToken(), 10, 10);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("settings", page.items());
        page.nextToken().ifPresent(token -> response.put("nextToken", token));
        return response;
    }
}
