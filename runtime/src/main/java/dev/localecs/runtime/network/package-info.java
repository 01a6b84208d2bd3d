/**
 * The task network and the endpoint mode: typed settings checked at start (subnet, gateway, endpoint
 * address) and the IPv4 arithmetic behind them.
 */
package dev.localecs.runtime.network;
