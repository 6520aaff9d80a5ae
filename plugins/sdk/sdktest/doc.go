// Package sdktest tests Reel plugins: an in-process harness that serves a
// plugin over real gRPC, and a conformance suite per kind.
//
// Start here: in your plugin's test, give the suite a factory that returns a
// fresh plugin and a valid configuration (with fresh backing state, e.g. a
// t.TempDir()):
//
//	func TestConformance(t *testing.T) {
//		sdktest.Storage(t, func(t *testing.T) (sdk.Plugin, json.RawMessage) {
//			return New(), json.RawMessage(`{"dir":"` + t.TempDir() + `"}`)
//		})
//	}
//
// The object checks run twice: with the bytes streamed, and with a local
// file the plugin's SDK reads itself (docs/decisions/0025-local-file-delivery.md).
//
// For your own tests, Start serves a plugin and returns the same
// *host.Client the MCP uses for a plugin process.
package sdktest
