/**
 * GET /health: plugins, workers, actions, the engine, the endpoint and the upstream, with an overall status.
 */
package dev.localecs.runtime.health;
