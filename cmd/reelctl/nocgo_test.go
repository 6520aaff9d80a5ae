package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// pureGoMains are the binaries that must build with CGO_ENABLED=0: only
// reel-mcp records MP3 and links libmp3lame (codecs/mp3/lame). The plugins
// run on hosts without LAME and reelctl must run anywhere.
var pureGoMains = []string{
	"github.com/reel-project/reel/cmd/reelctl",
	"github.com/reel-project/reel/cmd/reel-rm",
	"github.com/reel-project/reel/cmd/reel-plugin-analytics-speechminer",
	"github.com/reel-project/reel/cmd/reel-plugin-metadata-rps",
	"github.com/reel-project/reel/cmd/reel-plugin-storage-localdir",
	"github.com/reel-project/reel/cmd/reel-plugin-storage-s3",
	"github.com/reel-project/reel/cmd/reel-plugin-storage-webdav",
	"github.com/reel-project/reel/cmd/reel-plugin-tts-espeak",
}

// TestMainsNeedNoCGO lists the dependencies of every pure-Go main in a
// normal (cgo-enabled) build and fails on any package of ours or a third
// party's with cgo files: such a package would either fail to build or
// silently change behaviour with CGO_ENABLED=0. The standard library's
// cgo files (net, os/user) have pure-Go fallbacks and are allowed.
func TestMainsNeedNoCGO(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatal("go command not on PATH")
	}
	args := append([]string{"list", "-deps", "-f",
		"{{if and (not .Standard) .CgoFiles}}{{.ImportPath}}{{end}}"}, pureGoMains...)
	cmd := exec.Command(gobin, args...)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	if cgo := strings.Fields(string(out)); len(cgo) > 0 {
		t.Fatalf("cgo packages in the dependencies of %v: %v", pureGoMains, cgo)
	}
}

// TestMainsBuildWithoutCGO builds every pure-Go main with CGO_ENABLED=0.
func TestMainsBuildWithoutCGO(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles seven binaries; skipped with -short")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatal("go command not on PATH")
	}
	args := append([]string{"build", "-o", t.TempDir()}, pureGoMains...)
	cmd := exec.Command(gobin, args...)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("CGO_ENABLED=0 go build: %v\n%s", err, out)
	}
}
