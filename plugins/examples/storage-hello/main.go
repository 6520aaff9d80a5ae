package main

import "github.com/reel-project/reel/plugins/sdk"

func main() { sdk.Serve(New()) }
