package main

import (
	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/storage/s3"
)

func main() { sdk.Serve(s3.New()) }
