package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The log configuration for the results of the execute command actions.
 *
 * @param cloudWatchLogGroupName The name of the CloudWatch log group to send logs to.
 * @param cloudWatchEncryptionEnabled Determines whether to use encryption on the CloudWatch logs.
 * @param s3BucketName The name of the S3 bucket to send logs to.
 * @param s3EncryptionEnabled Determines whether to use encryption on the S3 logs.
 * @param s3KeyPrefix An optional folder in the S3 bucket to place logs in.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecuteCommandLogConfiguration(
        String cloudWatchLogGroupName,
        Boolean cloudWatchEncryptionEnabled,
        String s3BucketName,
        Boolean s3EncryptionEnabled,
        String s3KeyPrefix) {
}
