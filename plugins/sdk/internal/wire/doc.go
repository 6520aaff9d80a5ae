// Package wire holds what both sides of the plugin contract share beyond the
// .proto files: the dispense key and the chunking of objects.
package wire
