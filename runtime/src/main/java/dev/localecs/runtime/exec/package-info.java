/**
 * ECS Exec: the Session Manager data channel that {@code ExecuteCommand}'s {@code streamUrl} points at, served
 * over WebSocket and bridged to an interactive command with a terminal in a task container. The codec
 * ({@link dev.localecs.runtime.exec.AgentMessage}), the two streams' sequence and acknowledgement rules
 * ({@link dev.localecs.runtime.exec.OutgoingStream}, {@link dev.localecs.runtime.exec.IncomingStream}) and the
 * JSON payloads are small classes of their own; {@link dev.localecs.runtime.exec.DataChannel} is one
 * connection; {@link dev.localecs.runtime.exec.ExecSessionRegistry} issues sessions and checks tokens.
 */
package dev.localecs.runtime.exec;
