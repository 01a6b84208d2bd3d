/**
 * The upstream ECS endpoint: forwarding of operations no plugin serves, with SigV4 re-signing.
 */
package dev.localecs.runtime.upstream;
