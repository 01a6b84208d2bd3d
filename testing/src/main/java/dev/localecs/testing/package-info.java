/**
 * Unit-test support for plugin authors: {@link dev.localecs.testing.FakePluginContext}, a plugin context with
 * in-memory registries and tasks, and {@link dev.localecs.testing.FakePluginContext#call} to drive an action as
 * clients reach it.
 */
package dev.localecs.testing;
