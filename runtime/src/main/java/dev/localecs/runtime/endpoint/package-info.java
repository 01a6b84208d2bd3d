/**
 * The credentials and metadata endpoint at 169.254.170.2: the listener and the v2 credentials, v3/v4 metadata and stats routes.
 */
package dev.localecs.runtime.endpoint;
