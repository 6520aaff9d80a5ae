package wire

// PluginKey is the name under which go-plugin dispenses a Reel plugin's
// gRPC connection. Every Reel plugin process serves exactly one.
const PluginKey = "reel"

// ChunkSize is the size of the content chunks the host sends.
const ChunkSize = 64 << 10

// MaxChunkSize is the largest chunk a plugin accepts (the contract's limit).
const MaxChunkSize = 1 << 20
