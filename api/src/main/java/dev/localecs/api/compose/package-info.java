/**
 * The docker compose model: what the converter emits and what users put in drop-in override files, as
 * records in their normalised (long) form. Short syntaxes (port and volume strings, list-form environment
 * and labels, string commands) are accepted on reading and normalised by {@link ComposeSyntax}.
 */
package dev.localecs.api.compose;
