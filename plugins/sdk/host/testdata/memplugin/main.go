package main

import (
	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/internal/memplugin"
)

func main() { sdk.Serve(memplugin.New()) }
