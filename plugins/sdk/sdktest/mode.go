package sdktest

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/host"
)

// mode is how the suite hands an object's bytes to the host client: from
// memory, which the host streams in chunks, or as a local file, which the
// host names to a plugin that takes local files and the plugin reads
// itself (docs/decisions/0025-local-file-delivery.md).
type mode struct {
	suffix string        // appended to the names of the mode's subtests
	local  bool          // the plugin reads the object from the file
	opts   []host.Option // for Start
}

var (
	streamed  = mode{opts: []host.Option{host.WithLocalFiles(false)}}
	localFile = mode{suffix: " (local file)", local: true}
	modes     = []mode{streamed, localFile}
)

// start serves and configures the factory's plugin for the mode; it skips
// the test in local mode when the plugin does not take local files.
func (m mode) start(t *testing.T, f Factory, wrap func(sdk.Plugin) sdk.Plugin) *host.Client {
	t.Helper()
	c := startConfigured(t, f, wrap, m.opts...)
	if m.local && !c.LocalFiles() {
		t.Skip("the plugin does not take local files")
	}
	return c
}

// reader hands data to the host: a bytes.Reader, or in local mode an
// *os.File of data opened by its absolute path and closed when t ends.
func (m mode) reader(t *testing.T, data []byte) io.Reader {
	t.Helper()
	if !m.local {
		return bytes.NewReader(data)
	}
	f, err := os.CreateTemp(t.TempDir(), "object-*")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	if _, err := f.Write(data); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	if !filepath.IsAbs(f.Name()) {
		t.Fatalf("temp file %q is not absolute", f.Name())
	}
	return f
}
