package wire

// PluginKey is the name under which go-plugin dispenses a Reel plugin's
// gRPC connection. Every Reel plugin process serves exactly one.
const PluginKey = "reel"

// MaxChunkSize is the largest chunk a plugin accepts (the contract's limit).
const MaxChunkSize = 1 << 20

// ChunkSize is the size of the content chunks the host sends: the largest
// whose encoded message (chunk plus at most 5 bytes of tag and length) still
// fits grpc-go's 1 MiB buffer-pool tier. Its tiers below are 32 KiB, and the
// pool zeroes the whole tier on every Get on both sides, so the former
// 64 KiB chunks cleared 1 MiB per 64 KiB sent. See
// docs/decisions/0024-plugin-boundary.md.
const ChunkSize = MaxChunkSize - 16

// The gRPC transport of a plugin connection, tuned for streaming objects
// (docs/decisions/0024-plugin-boundary.md). The plugin's receive windows let
// the host send ahead of the plugin by a few chunks, so that the transfer
// overlaps whatever the plugin does first (a PROPFIND, opening a file);
// they also bound what a plugin buffers: StreamWindow per Put, ConnWindow
// for all at once. The 1 MiB socket buffers move a chunk in one pass.
const (
	StreamWindow    = 4 << 20
	ConnWindow      = 4 << 20
	WriteBufferSize = 1 << 20
	ReadBufferSize  = 1 << 20
)
