package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An object representing a container instance or task attachment.
 *
 * @param id The unique identifier for the attachment.
 * @param type The type of the attachment, such as ElasticNetworkInterface, Service Connect, and AmazonElasticBlockStorage.
 * @param status The status of the attachment.
 * @param details Details of the attachment.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attachment(
        String id,
        String type,
        String status,
        List<KeyValuePair> details) {
}
