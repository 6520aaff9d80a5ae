// Package plugintest builds a built-in plugin's command once per test
// binary and launches it through plugins/sdk/host, for the tests that
// cross the real process boundary (handshake, mTLS, logging).
package plugintest
