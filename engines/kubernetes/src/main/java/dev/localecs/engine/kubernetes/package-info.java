/** The Kubernetes task engine: a task is a Pod, nodes are container instances (fabric8 client). */
package dev.localecs.engine.kubernetes;
