/**
 * A task engine without Docker: containers in memory, scripted per container with LOCAL_ECS_SIMULATE (product feature and the engine of the lifecycle unit tests).
 */
package dev.localecs.runtime.simulated;
