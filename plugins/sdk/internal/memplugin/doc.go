// Package memplugin is a plugin of every kind that keeps everything in
// memory: the reference implementation the SDK's own tests run the
// conformance suites and the process tests against.
package memplugin
