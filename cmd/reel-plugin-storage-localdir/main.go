// Command reel-plugin-storage-localdir is the embedded default destination
// of reel-mcp: it stores recordings in a local directory and writes their
// metadata beside them (plugins/storage/localdir).
package main

import (
	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/storage/localdir"
)

func main() { sdk.Serve(localdir.New()) }
