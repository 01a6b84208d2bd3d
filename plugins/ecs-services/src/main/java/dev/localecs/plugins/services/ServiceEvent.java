package dev.localecs.plugins.services;

/**
 * One entry of a service's {@code events[]}.
 *
 * @param id a UUID
 * @param createdAt epoch seconds
 * @param message the text, as ECS writes it
 */
record ServiceEvent(String id, double createdAt, String message) {
}
