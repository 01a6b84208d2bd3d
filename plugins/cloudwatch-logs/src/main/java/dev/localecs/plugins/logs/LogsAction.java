package dev.localecs.plugins.logs;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;

/** What every CloudWatch Logs operation shares: the service's target prefix and the store. */
abstract class LogsAction implements EcsAction {
    /** The target prefix of CloudWatch Logs (AWS JSON 1.1). */
    static final String SERVICE = "Logs_20140328";

    private final PluginContext context;

    LogsAction(PluginContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public final String service() {
        return SERVICE;
    }

    @Override
    public final Object handle(ActionRequest request) {
        return handle(request, LogStores.of(context));
    }

    PluginContext context() {
        return context;
    }

    abstract Object handle(ActionRequest request, LogStore store);
}
