/**
 * ECS events for EventBridge: every "ECS Task State Change" of the local tasks, sent with PutEvents to the
 * default event bus at {@code upstream.events.endpoint}, batched and retried on a thread of its own.
 */
package dev.localecs.plugins.events;
