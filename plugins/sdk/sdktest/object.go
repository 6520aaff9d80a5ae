package sdktest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"sync"

	"github.com/reel-project/reel/plugins/sdk"
)

// NewObject returns an object of size pseudo-random bytes (seeded by name)
// and its content, with Size and SHA256 set.
func NewObject(recordingID, name string, size int) (sdk.Object, []byte) {
	seed := sha256.Sum256([]byte(recordingID + "/" + name))
	rng := rand.NewChaCha8(seed)
	data := make([]byte, size)
	_, _ = rng.Read(data)
	sum := sha256.Sum256(data)
	return sdk.Object{
		Key:         sdk.Key{RecordingID: recordingID, Name: name},
		ContentType: "audio/wav",
		Size:        int64(size),
		SHA256:      hex.EncodeToString(sum[:]),
		Metadata:    map[string]string{"tenant": "sdktest"},
	}, data
}

// cancelAfter yields r and cancels its context once n bytes went by.
type cancelAfter struct {
	r      io.Reader
	n      int
	cancel context.CancelFunc
	once   sync.Once
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	if c.n <= 0 {
		c.once.Do(c.cancel)
	}
	n, err := c.r.Read(p)
	c.n -= n
	return n, err
}

// failAfter yields n bytes of r, then err: the plugin sees a broken stream.
func failAfter(r io.Reader, n int64, err error) io.Reader {
	return io.MultiReader(io.LimitReader(r, n), errReader{err})
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

var (
	errInjectedPermanent = sdk.Permanent(fmt.Errorf("sdktest: injected permanent failure"))
	errInjectedRetryable = sdk.Retryable(fmt.Errorf("sdktest: injected retryable failure"))
)
