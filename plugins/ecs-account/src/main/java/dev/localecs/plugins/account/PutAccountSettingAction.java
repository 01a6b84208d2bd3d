package dev.localecs.plugins.account;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import java.util.Map;
import org.pf4j.Extension;

/** PutAccountSetting: a setting for the caller (the account root) or the given principal. */
@Extension
public final class PutAccountSettingAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public PutAccountSettingAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String name, @Required String value, String principalArn) {
    }

    @Override
    public String name() {
        return "PutAccountSetting";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        Settings.checkValue(body.name(), body.value());
        String principal = Settings.principal(context, body.principalArn());
        context.accountSettings().put(principal, body.name(), body.value());
        return Map.of("setting", Settings.setting(body.name(), body.value(), principal, "user"));
    }
}
