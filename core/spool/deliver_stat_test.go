package spool

import (
	"context"
	"errors"
	"sync"
	"testing"
)

// blindStore is a storage destination whose Stat never finds anything, as
// storage-webdav with a path template that needs metadata ({tenant},
// {date:…}): Stat gets only the key, cannot build the folder and answers
// not found. Deliver is idempotent on the key, as the plugin's Put is: an
// object already stored with the same size and SHA-256 is answered with its
// location and not stored again. The first Deliver of each key stores the
// object and then loses the answer (a connection reset after the MOVE).
type blindStore struct {
	seq *seqLog

	mu       sync.Mutex
	stored   map[string]string // key → SHA-256
	uploads  map[string]int    // key → objects written
	delivers map[string]int    // key → Deliver calls
	stats    map[string]int    // key → Stat calls
	ackSeq   int64             // sequence number of the last answered Deliver
}

var errAnswerLost = errors.New("connection reset by peer")

func newBlindStore(seq *seqLog) *blindStore {
	return &blindStore{seq: seq, stored: map[string]string{}, uploads: map[string]int{},
		delivers: map[string]int{}, stats: map[string]int{}}
}

func (b *blindStore) Name() string { return "storage/dav" }
func (b *blindStore) Step() Step   { return Store }

func (b *blindStore) Stat(_ context.Context, job JobView, f *FileRef) (string, bool, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.stats[job.RecordingID+"/"+f.Name]++
	return "", false, nil
}

func (b *blindStore) Deliver(_ context.Context, job JobView, f *FileRef) (string, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	key := job.RecordingID + "/" + f.Name
	b.delivers[key]++
	switch sum, ok := b.stored[key]; {
	case !ok:
		b.stored[key] = f.SHA256
		b.uploads[key]++
		return "", errAnswerLost
	case sum != f.SHA256:
		return "", Permanent(errors.New("ALREADY_EXISTS: another object under " + key))
	}
	b.ackSeq = b.seq.n.Add(1)
	return "dav://tenant-a/2026/01/02/" + key, nil
}

func TestStoreWhoseStatCannotFindAFileGetsItOnceAndMetadataOnce(t *testing.T) {
	seq := &seqLog{}
	store, meta := newBlindStore(seq), newFake("metadata/rps", Metadata, seq)
	h := openHarness(t, t.TempDir(), []Destination{store, meta}, fastOptions())
	if err := h.s.Submit(context.Background(), newJob(t, "rec-blind", "b.mp3", "b.wav")); err != nil {
		t.Fatal(err)
	}
	h.start()
	h.events.waitFor(t, Completed, 1)

	store.mu.Lock()
	defer store.mu.Unlock()
	for _, key := range []string{"rec-blind/b.mp3", "rec-blind/b.wav"} {
		t.Run(key+" was asked for, sent again and stored once", func(t *testing.T) {
			if store.stats[key] == 0 || store.delivers[key] != 2 || store.uploads[key] != 1 {
				t.Errorf("Stat %d, Deliver %d, stored %d times; want Stat before the second Deliver, one object",
					store.stats[key], store.delivers[key], store.uploads[key])
			}
		})
	}
	t.Run("the metadata was published once, after both files were stored", func(t *testing.T) {
		if meta.delivered("rec-blind") != 1 || meta.callCount() != 1 || meta.seqs[0] <= store.ackSeq {
			t.Errorf("metadata: %d published in %d calls at %v; last store answer at %d",
				meta.delivered("rec-blind"), meta.callCount(), meta.seqs, store.ackSeq)
		}
		checkStorageURIs(t, meta.docs[0], "b.wav", "dav://tenant-a/2026/01/02/rec-blind/b.wav")
	})
}
