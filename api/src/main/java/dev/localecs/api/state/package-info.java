/** Plugin state on disk: atomic file replacement and a plugin's JSON folder under {@code state.dir}. */
package dev.localecs.api.state;
