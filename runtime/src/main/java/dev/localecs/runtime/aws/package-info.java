/**
 * The runtime's own AWS calls on behalf of tasks (STS, SSM, Secrets Manager, S3, ECR), with their own exception; no other runtime package is used here.
 */
package dev.localecs.runtime.aws;
