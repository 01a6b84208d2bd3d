package dev.localecs.plugins.instances;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Attribute;
import dev.localecs.api.model.ContainerInstance;
import dev.localecs.api.model.Tag;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * RegisterContainerInstance: (re-)registers the local engine in a cluster, ACTIVE, with the given custom
 * attributes and tags. The engine's own resources and version are the truth: {@code totalResources},
 * {@code versionInfo} and the identity document an agent would send are not taken over.
 */
@Extension
public final class RegisterContainerInstanceAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public RegisterContainerInstanceAction(PluginContext context) {
        this.context = context;
    }

    record Request(String cluster, String instanceIdentityDocument, String instanceIdentityDocumentSignature,
                   List<Object> totalResources, Object versionInfo, String containerInstanceArn,
                   List<Attribute> attributes, List<Object> platformDevices, List<Tag> tags) {
    }

    @Override
    public String name() {
        return "RegisterContainerInstance";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String cluster = Instances.cluster(context, body.cluster());
        if (body.containerInstanceArn() != null
                && !context.containerInstances().names(cluster, body.containerInstanceArn())) {
            throw EcsException.invalidParameter("The referenced container instance was not found.");
        }
        List<Attribute> attributes = body.attributes() == null ? List.of() : body.attributes();
        if (!attributes.isEmpty()) {
            Instances.checkAttributes(attributes, true);
        }
        List<Tag> tags = body.tags() == null ? List.of() : body.tags();
        context.tags().validate(tags);
        ContainerInstance instance = context.containerInstances().register(cluster,
                Optional.ofNullable(body.containerInstanceArn()), attributes);
        if (!tags.isEmpty()) {
            context.tags().tag(instance.containerInstanceArn(), tags);
        }
        InstanceStateEvents.publish(context, cluster, instance);
        return Map.of("containerInstance", Instances.view(context, instance, List.of("TAGS")));
    }
}
