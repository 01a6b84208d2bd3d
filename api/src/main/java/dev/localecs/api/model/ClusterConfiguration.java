package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The execute command and managed storage configuration for the cluster.
 *
 * @param executeCommandConfiguration The details of the execute command configuration.
 * @param managedStorageConfiguration The details of the managed storage configuration.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterConfiguration(
        ExecuteCommandConfiguration executeCommandConfiguration,
        ManagedStorageConfiguration managedStorageConfiguration) {
}
