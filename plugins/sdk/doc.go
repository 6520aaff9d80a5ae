// Package sdk is the Go SDK for Reel plugins: the plain interfaces a plugin
// implements and Serve, which runs it as a go-plugin gRPC server.
//
// Start here: implement sdk.Storage (or sdk.Metadata, sdk.Analytics) plus
// sdk.Plugin (Info and Configure) on one type, and call sdk.Serve from main:
//
//	func main() { sdk.Serve(mystore.New()) }
//
// Put and Deliver read the object from an io.Reader: the host's stream, or
// a file on this machine the host names and the SDK opens (a local file;
// Serve always offers to take them, the plugin does nothing for it).
//
// Decode the configuration with DecodeConfig (unknown keys are errors) and
// report bad values with ConfigErrorf, naming the key. Classify failures with
// Permanent (the host dead-letters the job) or Retryable (the host retries
// with backoff); an unclassified error is retried. Log with Logger, never to
// stdout: the host re-logs the plugin's stderr under plugin=<name>.
//
// Test with package sdktest: sdktest.Storage(t, factory) runs the
// conformance suite over real gRPC in-process. The host side (launching a
// plugin binary, typed clients) is package host. The wire contract for
// plugins in other languages is plugins/proto/v1; plugins/README.md is the
// author's guide.
package sdk
