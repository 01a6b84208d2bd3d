package dev.localecs.plugins.instances;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.ContainerInstances;
import dev.localecs.api.EcsAction;
import dev.localecs.api.Page;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Attribute;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * ListAttributes: the attributes of the cluster's registered container instances (those the engine has and the
 * custom ones), optionally of one name, or one name and value.
 */
@Extension
public final class ListAttributesAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public ListAttributesAction(PluginContext context) {
        this.context = context;
    }

    record Request(String cluster, @Required String targetType, String attributeName, String attributeValue,
                   String nextToken, Integer maxResults) {
    }

    @Override
    public String name() {
        return "ListAttributes";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String cluster = Instances.cluster(context, body.cluster());
        if (!"container-instance".equals(body.targetType())) {
            throw EcsException.invalidParameter("targetType must be container-instance");
        }
        if (body.attributeValue() != null && body.attributeName() == null) {
            throw EcsException.invalidParameter("attributeName must be specified when attributeValue is given.");
        }
        List<Attribute> attributes = context.containerInstances().list(cluster, Optional.empty(), Optional.empty())
                .stream().flatMap(i -> i.attributes().stream()
                        .filter(a -> body.attributeName() == null || body.attributeName().equals(a.name()))
                        .filter(a -> body.attributeValue() == null || body.attributeValue().equals(a.value()))
                        .map(a -> new Attribute(a.name(), a.value(), ContainerInstances.TARGET_TYPE,
                                i.containerInstanceArn()))).toList();
        Page<Attribute> page = Page.of(attributes, body.maxResults(), body.nextToken(), 100, 100);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("attributes", page.items());
        page.nextToken().ifPresent(token -> response.put("nextToken", token));
        return response;
    }
}
