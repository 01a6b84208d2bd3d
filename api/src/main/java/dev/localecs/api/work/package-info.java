/**
 * Building blocks of plugins' background work: per-key locks, a queue of keys to look at, and the loop that looks
 * at every key on a tick and at one key when woken.
 */
package dev.localecs.api.work;
