/** The account plugin: capacity providers, account settings and task scale-in protection. */
package dev.localecs.plugins.account;
