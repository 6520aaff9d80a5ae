package sdktest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/host"
)

// Storage runs the conformance suite for a storage plugin: configuration,
// Put/Stat round trip, idempotency, large objects, cancellation, corrupted
// transfers, error classes across the wire, concurrency and Delete.
func Storage(t *testing.T, f Factory) {
	checkInfo(t, f, sdk.KindStorage)
	checkStream(t, f, streamKind{
		op:     "Put",
		client: func(t *testing.T, c *host.Client) sendFunc { return storageOf(t, c).Put },
		inject: func(p sdk.Plugin, wrap wrapReader) sdk.Plugin {
			return &wrappedStorage{Plugin: p, Storage: p.(sdk.Storage), wrap: wrap}
		},
		absent: checkNotStored,
	})
	for _, m := range modes {
		t.Run("Put then Stat returns the same size, SHA-256 and location"+m.suffix, func(t *testing.T) {
			checkPutStat(t, storageOf(t, m.start(t, f, nil)), m)
		})
	}
	t.Run("Stat of a missing object is ErrNotFound", func(t *testing.T) {
		checkNotStored(t, startConfigured(t, f, nil), sdk.Key{RecordingID: "rec-none", Name: "none.wav"})
	})
	t.Run("Delete removes the object and is idempotent, or is unimplemented", func(t *testing.T) {
		checkDelete(t, startConfigured(t, f, nil))
	})
}

func storageOf(t *testing.T, c *host.Client) sdk.Storage {
	t.Helper()
	st, err := c.Storage()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func checkPutStat(t *testing.T, st sdk.Storage, m mode) {
	obj, data := NewObject("rec-stat", "call.mp3", 1<<20+17)
	loc, err := st.Put(context.Background(), obj, m.reader(t, data))
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	got, err := st.Stat(context.Background(), obj.Key)
	if err != nil {
		t.Fatalf("Stat after Put: %v", err)
	}
	want := sdk.Stored{Size: obj.Size, SHA256: obj.SHA256, Location: loc}
	if got != want {
		t.Errorf("Stat = %+v, want %+v", got, want)
	}
}

func checkNotStored(t *testing.T, c *host.Client, key sdk.Key) {
	t.Helper()
	_, err := storageOf(t, c).Stat(context.Background(), key)
	if !errors.Is(err, sdk.ErrNotFound) {
		t.Errorf("Stat(%v) = %v, want sdk.ErrNotFound", key, err)
	}
}

func checkDelete(t *testing.T, c *host.Client) {
	st := storageOf(t, c)
	obj, data := NewObject("rec-delete", "gone.wav", 10<<10)
	if _, err := st.Put(context.Background(), obj, bytes.NewReader(data)); err != nil {
		t.Fatalf("Put: %v", err)
	}
	err := st.Delete(context.Background(), obj.Key)
	if errors.Is(err, sdk.ErrUnimplemented) {
		return
	}
	if err != nil {
		t.Fatalf("Delete: %v", err)
	}
	checkNotStored(t, c, obj.Key)
	if err := st.Delete(context.Background(), obj.Key); err != nil {
		t.Errorf("Delete of a deleted object = %v, want nil", err)
	}
}

// wrappedStorage is a storage plugin whose Put reader is wrapped.
type wrappedStorage struct {
	sdk.Plugin
	sdk.Storage
	wrap wrapReader
}

func (f *wrappedStorage) Put(ctx context.Context, obj sdk.Object, r io.Reader) (sdk.Location, error) {
	r, done := f.wrap(ctx, r)
	if done != nil {
		defer done()
	}
	return f.Storage.Put(ctx, obj, r)
}
