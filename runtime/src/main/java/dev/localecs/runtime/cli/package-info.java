/**
 * The client commands {@code local-ecs-api run}, {@code ps} and {@code logs}: they talk to a running runtime
 * over HTTP only (the ECS API on {@code POST /} and the dashboard's task API under {@code /ui/api/}), never to
 * its internals, so they work against any runtime the user started.
 */
package dev.localecs.runtime.cli;
