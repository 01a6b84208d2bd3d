/**
 * The plugin contract of local-ecs-api: extension points ({@link dev.localecs.api.EcsAction},
 * {@link dev.localecs.api.CredentialStrategy}, {@link dev.localecs.api.ComposeOverrideProvider}, {@link dev.localecs.api.ContainerLogSink}) and the
 * {@link dev.localecs.api.PluginContext} through which plugins reach the runtime's services.
 */
package dev.localecs.api;
