package main

import (
	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/storage/localdir"
)

func main() { sdk.Serve(localdir.New()) }
