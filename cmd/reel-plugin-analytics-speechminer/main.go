package main

import (
	"github.com/reel-project/reel/plugins/analytics/speechminer"
	"github.com/reel-project/reel/plugins/sdk"
)

func main() { sdk.Serve(speechminer.New()) }
