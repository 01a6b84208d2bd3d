package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The details of the Auto Scaling group for the capacity provider.
 *
 * @param autoScalingGroupArn The Amazon Resource Name (ARN) that identifies the Auto Scaling group, or the Auto Scaling group name.
 * @param managedScaling The managed scaling settings for the Auto Scaling group capacity provider.
 * @param managedTerminationProtection The managed termination protection setting to use for the Auto Scaling group capacity provider.
 * @param managedDraining The managed draining option for the Auto Scaling group capacity provider.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AutoScalingGroupProvider(
        String autoScalingGroupArn,
        ManagedScaling managedScaling,
        String managedTerminationProtection,
        String managedDraining) {
}
