/** The services plugin: the service actions and the scheduler that keeps each service's desired count. */
package dev.localecs.plugins.services;
