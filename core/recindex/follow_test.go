package recindex

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/core/spool"
)

// refusing stores every file whose name does not contain "refuse" and
// permanently refuses the rest, as a storage server answering 403 would.
type refusing struct{ dir string }

func (refusing) Name() string     { return "storage/test" }
func (refusing) Step() spool.Step { return spool.Store }
func (r refusing) Deliver(_ context.Context, j spool.JobView, f *spool.FileRef) (string, error) {
	if strings.Contains(f.Name, "REFUSE") {
		return "", spool.Permanent(errors.New("403 forbidden"))
	}
	return "file://" + filepath.Join(r.dir, f.Name), nil
}

// submit spools a recording of one file (with its sidecar) under id.
func submit(t *testing.T, s *spool.Spool, id, uuid string, start time.Time) {
	t.Helper()
	dir := t.TempDir()
	doc := rec("5551", "7001", uuid, "acme", start)
	path := filepath.Join(dir, doc.MediaFiles[0].MediaID)
	if err := os.WriteFile(path, []byte("audio"), 0o600); err != nil {
		t.Fatal(err)
	}
	writeSidecar(t, dir, doc)
	j, err := spool.JobFromFiles(id, []spool.FileRef{{Name: doc.MediaFiles[0].MediaID, Path: path, ContentType: "audio/mp3"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Submit(context.Background(), j); err != nil {
		t.Fatal(err)
	}
}

func TestFollowerIndexesWhatTheSpoolDelivers(t *testing.T) {
	x := openTemp(t)
	spoolDir := t.TempDir()
	var f *Follower
	s, err := spool.Open(spoolDir, []spool.Destination{refusing{t.TempDir()}}, spool.Options{
		Notify: func(e spool.Event) { f.Notify(e) }})
	if err != nil {
		t.Fatal(err)
	}
	f = x.Follow(spoolDir, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{}, 2)
	go func() { _ = s.Run(ctx); done <- struct{}{} }()
	go func() { f.Run(ctx); done <- struct{}{} }()
	defer func() { cancel(); <-done; <-done; _ = s.Close() }()

	submit(t, s, "good", "GOODUUID", day0)
	submit(t, s, "bad", "REFUSE", day0.Add(time.Minute))
	deadline := time.Now().Add(20 * time.Second)
	for {
		good, gerr := x.Get("good")
		bad, berr := x.Get("bad")
		if gerr == nil && berr == nil && good.State == StateDelivered && bad.State == StateDead {
			if len(good.Delivery) != 1 || len(good.Delivery[0].Locations) != 1 || !strings.Contains(bad.Reason, "403") {
				t.Errorf("good delivery %+v, bad reason %q", good.Delivery, bad.Reason)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("index after 20 s: good %+v %v, bad %+v %v", good.Summary, gerr, bad.Summary, berr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
