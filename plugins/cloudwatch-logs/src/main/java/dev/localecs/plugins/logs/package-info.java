/**
 * The embedded CloudWatch Logs API ({@code X-Amz-Target: Logs_20140328.*}) served on the runtime's port: log
 * groups and streams, PutLogEvents, GetLogEvents and FilterLogEvents paged as CloudWatch pages them, retention and
 * tags, kept in {@code state.dir/logs} within a size bound.
 */
package dev.localecs.plugins.logs;
