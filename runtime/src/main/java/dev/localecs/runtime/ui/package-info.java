/**
 * The dashboard at {@code /ui/}: static assets, a read API over the runtime's own actions and task service
 * (every answer redacted), one shared server-sent-event fan-out of task changes, a task's container output,
 * and the guarded actions (stop a task, set a service's desired count, force a new deployment).
 */
package dev.localecs.runtime.ui;
