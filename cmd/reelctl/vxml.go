package main

import (
	"io"
	"os"

	"github.com/reel-project/reel/core/vxml/driver"
)

func init() {
	register("vxml run", "run a VoiceXML application headless with scripted DTMF, hang-up and transfer outcomes", vxmlRun)
}

func vxmlRun(args []string, stdout io.Writer) error {
	return driver.Main(args, stdout, os.Stderr)
}
