package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The managed scaling settings for the Auto Scaling group capacity provider.
 *
 * @param status Determines whether to use managed scaling for the capacity provider.
 * @param targetCapacity The target capacity utilization as a percentage for the capacity provider.
 * @param minimumScalingStepSize The minimum number of Amazon EC2 instances that Amazon ECS will scale out at one time.
 * @param maximumScalingStepSize The maximum number of Amazon EC2 instances that Amazon ECS will scale out at one time.
 * @param instanceWarmupPeriod The period of time, in seconds, after a newly launched Amazon EC2 instance can contribute to CloudWatch metrics for Auto Scaling group.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManagedScaling(
        String status,
        Integer targetCapacity,
        Integer minimumScalingStepSize,
        Integer maximumScalingStepSize,
        Integer instanceWarmupPeriod) {
}
