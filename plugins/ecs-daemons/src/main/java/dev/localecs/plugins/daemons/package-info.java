/**
 * The daemons plugin: daemon task definitions, daemons with their revisions and deployments, and the daemon
 * scheduler that keeps one task of each ACTIVE daemon running on the local container instance.
 */
package dev.localecs.plugins.daemons;
