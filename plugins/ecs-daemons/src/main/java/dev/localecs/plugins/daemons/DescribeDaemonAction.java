package dev.localecs.plugins.daemons;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import java.util.Map;
import org.pf4j.Extension;

/** DescribeDaemon: the daemon with its current revisions and live task counts. */
@Extension
public final class DescribeDaemonAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DescribeDaemonAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String daemonArn) {
    }

    @Override
    public String name() {
        return "DescribeDaemon";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        StoredDaemon daemon = DaemonRefs.existing(DaemonStore.of(context), body.daemonArn());
        return Map.of("daemon", DaemonViews.detail(context, daemon));
    }
}
