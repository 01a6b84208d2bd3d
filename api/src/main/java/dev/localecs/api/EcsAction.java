package dev.localecs.api;

import org.pf4j.ExtensionPoint;

/**
 * One ECS operation, such as {@code RunTask}. The runtime routes a request whose {@code X-Amz-Target} is
 * {@code AmazonEC2ContainerServiceV20141113.<name()>} to the extension with that name.
 *
 * <p>An extension may declare a public constructor taking a {@link PluginContext}; the runtime then hands
 * it the context. Errors are reported by throwing {@link dev.localecs.api.error.EcsException}.
 */
public interface EcsAction extends ExtensionPoint {
    /** The target prefix of Amazon ECS. */
    String ECS = "AmazonEC2ContainerServiceV20141113";

    /**
     * The ECS operation name, exactly as in the {@code X-Amz-Target} header (e.g. {@code RunTask}).
     *
     * @return the operation name; also the configuration key {@code actions.<name>.plugin}
     */
    String name();

    /**
     * The AWS JSON service this operation belongs to: the prefix of its {@code X-Amz-Target} header. Actions of
     * other services (CloudWatch Logs: {@code Logs_20140328}, EventBridge: {@code AWSEvents}, …) are served on the
     * same port; an operation of a service other than ECS chosen among several plugins is configured with
     * {@code actions.<service>.<name>.plugin}.
     *
     * @return the target prefix, {@link #ECS} unless overridden
     */
    default String service() {
        return ECS;
    }

    /**
     * Serves one request.
     *
     * @param request the parsed request
     * @return the response: a record, a map or a Jackson tree, serialised as the JSON body
     */
    Object handle(ActionRequest request);
}
