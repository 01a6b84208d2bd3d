/**
 * The container-instances plugin: the local engine as each cluster's container instance (register,
 * deregister, describe, list, drain, agent update), its attributes, and the agent-facing operations.
 */
package dev.localecs.plugins.instances;
