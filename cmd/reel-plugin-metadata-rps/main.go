// Command reel-plugin-metadata-rps is the Recording Processor metadata
// plugin process; see plugins/metadata/rps.
package main

import (
	"github.com/reel-project/reel/plugins/metadata/rps"
	"github.com/reel-project/reel/plugins/sdk"
)

func main() { sdk.Serve(rps.New()) }
