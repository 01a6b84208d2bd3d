/**
 * The Docker engine behind TaskEngine (docker-java): networks, volumes, pulls and builds, containers from compose services, the event stream.
 */
package dev.localecs.runtime.docker;
