/**
 * What users expect of a service's network: Service Connect (per-namespace names served by proxies in the runtime
 * process on addresses the task network reaches), service discovery (Cloud Map registrations and DNS names on the
 * task network), load balancers (target registrations and a local front door on the host). Built on task events;
 * a task leaves every balancer and registration before the scheduler stops it.
 */
package dev.localecs.plugins.services.network;
