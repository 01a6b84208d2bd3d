/**
 * PF4J plugin loading with context-injecting factories, the action registry and the plugins' background workers.
 */
package dev.localecs.runtime.plugin;
