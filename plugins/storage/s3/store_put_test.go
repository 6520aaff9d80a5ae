package s3

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/sdktest"
)

func TestADifferentObjectUnderAStoredKeyIsErrExists(t *testing.T) {
	s, _ := configured(t, nil)
	first, data := sdktest.NewObject("rec-1", "call.mp3", 1000)
	if _, err := s.Put(context.Background(), first, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	other, otherData := sdktest.NewObject("rec-1", "other.mp3", 1000)
	other.Key = first.Key
	_, err := s.Put(context.Background(), other, bytes.NewReader(otherData))
	if !errors.Is(err, sdk.ErrExists) || !sdk.IsPermanent(err) {
		t.Fatalf("Put = %v, want a permanent sdk.ErrExists", err)
	}
}

func TestAPutThatLosesARaceComparesWithTheWinner(t *testing.T) {
	_, st := configured(t, nil)
	winner, data := sdktest.NewObject("rec-race", "call.wav", 6<<20)
	key := st.objectKey(winner.Key)
	if err := st.upload(context.Background(), key, winner, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{1000, 6 << 20} { // single PUT, multipart
		t.Run(fmt.Sprintf("%d bytes of other content are ErrExists", size), func(t *testing.T) {
			loser, other := sdktest.NewObject("rec-race", fmt.Sprint(size), size)
			loser.Key = winner.Key
			err := st.upload(context.Background(), key, loser, bytes.NewReader(other))
			if !errors.Is(err, sdk.ErrExists) || !sdk.IsPermanent(err) {
				t.Fatalf("upload = %v, want a permanent sdk.ErrExists", err)
			}
		})
	}
	t.Run("the same content is a success", func(t *testing.T) {
		if err := st.upload(context.Background(), key, winner, bytes.NewReader(data)); err != nil {
			t.Fatalf("upload of the winner's content = %v", err)
		}
	})
}

func TestAnEmptyObjectIsStored(t *testing.T) {
	s, _ := configured(t, nil)
	obj, _ := sdktest.NewObject("rec-empty", "empty.wav", 0)
	loc, err := s.Put(context.Background(), obj, bytes.NewReader(nil))
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	got, err := s.Stat(context.Background(), obj.Key)
	if err != nil || got != (sdk.Stored{Size: 0, SHA256: obj.SHA256, Location: loc}) {
		t.Errorf("Stat = %+v, %v", got, err)
	}
}

func TestAStreamThatFailsBeforeAnEmptyObjectStoresNothing(t *testing.T) {
	s, _ := configured(t, nil)
	obj, _ := sdktest.NewObject("rec-empty", "broken.wav", 0)
	if _, err := s.Put(context.Background(), obj, errorReader{sdk.ErrMismatch}); !errors.Is(err, sdk.ErrMismatch) {
		t.Fatalf("Put = %v, want sdk.ErrMismatch", err)
	}
	if _, err := s.Stat(context.Background(), obj.Key); !errors.Is(err, sdk.ErrNotFound) {
		t.Errorf("Stat = %v, want sdk.ErrNotFound", err)
	}
}
