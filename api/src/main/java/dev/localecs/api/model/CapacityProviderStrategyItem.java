package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The details of a capacity provider strategy.
 *
 * @param capacityProvider The short name of the capacity provider.
 * @param weight The weight value designates the relative percentage of the total number of tasks launched that should use the specified capacity provider.
 * @param base The base value designates how many tasks, at a minimum, to run on the specified capacity provider for each service.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CapacityProviderStrategyItem(
        String capacityProvider,
        Integer weight,
        Integer base) {
}
