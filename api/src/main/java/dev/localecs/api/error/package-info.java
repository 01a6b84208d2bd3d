/**
 * The exception root of local-ecs-api and the AWS error codes it answers with.
 */
package dev.localecs.api.error;
