/**
 * Durable state in state.dir: atomic JSON files and the file-backed task-definition, cluster and tag registries.
 */
package dev.localecs.runtime.state;
