// Command memplugin serves the SDK's in-memory reference plugin; the host
// package's process tests build and launch it.
package main

import (
	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/internal/memplugin"
)

func main() { sdk.Serve(memplugin.New()) }
