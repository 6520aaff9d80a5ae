package recording

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/reel-project/reel/core/recmeta"
)

// TestProgressIsSavedWhileRecordingAndRemovedAtStop: a crash repair used
// to report all counters 0; the counters so far are now on disk after each
// flush, beside the media, until Stop writes the sidecars.
func TestProgressIsSavedWhileRecordingAndRemovedAtStop(t *testing.T) {
	formats, _ := ParseFormats([]string{"wav-pcm16"})
	dir := t.TempDir()
	r, err := Start(Options{ID: "p", Dir: dir, Formats: formats, FlushFrames: 10})
	if err != nil {
		t.Fatal(err)
	}
	legs := recmeta.Completeness{PacketsExpected: 100, PacketsReceived: 97, PacketsLost: 3, ConcealedMs: 60}
	r.Progress(legs)
	path := filepath.Join(dir, r.Files()[0]+recmeta.ProgressExt)
	silence := make([]int16, 8000)
	var got recmeta.Completeness
	for deadline := time.Now().Add(20 * time.Second); ; {
		feed(r, silence, silence, 0, 25)
		if got, err = recmeta.ReadProgress(path); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no progress file after 20 s of feeding: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if got != legs {
		t.Errorf("progress %+v, want %+v", got, legs)
	}
	if _, err := r.Stop(time.Now(), "terminate", legs); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("progress file after Stop: %v", err)
	}
}
