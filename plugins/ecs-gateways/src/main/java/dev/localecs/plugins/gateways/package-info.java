/**
 * The gateways plugin: ECS gateways (shared load-balancer ingress for services) stored durably with their cluster
 * associations, answered with ECS's validation and errors.
 */
package dev.localecs.plugins.gateways;
