package dev.localecs.plugins.account;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import java.util.Map;
import org.pf4j.Extension;

/** PutAccountSettingDefault: the account default of a setting (the root principal's setting). */
@Extension
public final class PutAccountSettingDefaultAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public PutAccountSettingDefaultAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String name, @Required String value) {
    }

    @Override
    public String name() {
        return "PutAccountSettingDefault";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        Settings.checkValue(body.name(), body.value());
        String root = context.arns().accountRoot();
        context.accountSettings().put(root, body.name(), body.value());
        return Map.of("setting", Settings.setting(body.name(), body.value(), root, "user"));
    }
}
