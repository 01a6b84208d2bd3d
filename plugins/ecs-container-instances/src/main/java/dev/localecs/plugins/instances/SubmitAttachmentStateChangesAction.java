package dev.localecs.plugins.instances;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.ClusterRef;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import java.util.List;
import org.pf4j.Extension;

/** SubmitAttachmentStateChanges: an agent's report of ENI attachments, checked and acknowledged. */
@Extension
public final class SubmitAttachmentStateChangesAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public SubmitAttachmentStateChangesAction(PluginContext context) {
        this.context = context;
    }

    record AttachmentStateChange(String attachmentArn, String status) {
    }

    record Request(String cluster, @Required List<AttachmentStateChange> attachments) {
    }

    @Override
    public String name() {
        return "SubmitAttachmentStateChanges";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        context.clusters().active(ClusterRef.parse(body.cluster()).name());
        if (body.attachments().isEmpty()) {
            throw EcsException.invalidParameter("attachments can not be empty.");
        }
        for (AttachmentStateChange change : body.attachments()) {
            if (change.attachmentArn() == null || change.status() == null) {
                throw EcsException.invalidParameter("Each attachment state change needs attachmentArn and status.");
            }
        }
        return AgentReports.ACKNOWLEDGED;
    }
}
