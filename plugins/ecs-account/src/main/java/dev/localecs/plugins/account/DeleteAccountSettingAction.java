package dev.localecs.plugins.account;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import java.util.Map;
import org.pf4j.Extension;

/**
 * DeleteAccountSetting: removes a principal's own setting, so the account default (or AWS's) applies again;
 * the answer shows the value that was set.
 */
@Extension
public final class DeleteAccountSettingAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DeleteAccountSettingAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String name, String principalArn) {
    }

    @Override
    public String name() {
        return "DeleteAccountSetting";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        Settings.checkName(body.name());
        String principal = Settings.principal(context, body.principalArn());
        String root = context.arns().accountRoot();
        String value = context.accountSettings().remove(principal, body.name())
                .orElseGet(() -> context.accountSettings().effective(principal, root, body.name()));
        return Map.of("setting", Settings.setting(body.name(), value, principal, "user"));
    }
}
