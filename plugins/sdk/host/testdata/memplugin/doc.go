// Command memplugin serves the SDK's in-memory reference plugin; the host
// package's process tests build and launch it.
package main
