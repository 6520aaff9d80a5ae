package main

import (
	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/tts/espeak"
)

func main() { sdk.Serve(espeak.New()) }
