package main

import (
	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/storage/webdav"
)

func main() { sdk.Serve(webdav.New()) }
