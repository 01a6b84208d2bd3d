/**
 * The AWS JSON 1.1 protocol: POST / with X-Amz-Target dispatched to plugin actions (or upstream), request binding, and the one place exceptions become ECS error answers.
 */
package dev.localecs.runtime.protocol;
