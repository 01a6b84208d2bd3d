package dev.localecs.api;

/**
 * What a set of base credentials is for; each purpose can use its own strategy.
 */
public enum CredentialPurpose {
    /** The runtime's own AWS calls (upstream ECS, registries). Configured by {@code credentials.api.strategy}. */
    API,
    /** Vending task-role credentials to task containers. Configured by {@code credentials.endpoint.strategy}. */
    ENDPOINT
}
