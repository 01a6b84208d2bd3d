/**
 * The runtime's configuration: Helidon Config over the YAML defaults, the environment (with the seed's aliases) and explicit overrides.
 */
package dev.localecs.runtime.config;
