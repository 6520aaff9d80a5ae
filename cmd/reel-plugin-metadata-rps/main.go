package main

import (
	"github.com/reel-project/reel/plugins/metadata/rps"
	"github.com/reel-project/reel/plugins/sdk"
)

func main() { sdk.Serve(rps.New()) }
