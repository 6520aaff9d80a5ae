package sdktest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/host"
)

// streamKind abstracts over Storage.Put and Analytics.Deliver, which share
// the object stream and its rules.
type streamKind struct {
	op     string                                   // "Put" or "Deliver"
	client func(*testing.T, *host.Client) sendFunc  // the typed client's call
	inject func(p sdk.Plugin, err error) sdk.Plugin // p whose reader fails with err
	absent func(*testing.T, *host.Client, sdk.Key)  // fails t if key is stored; nil if it cannot tell
}

type sendFunc func(ctx context.Context, obj sdk.Object, r io.Reader) (sdk.Location, error)

// sizeLarge is the "several MiB" object.
const sizeLarge = 8 << 20

func checkStream(t *testing.T, f Factory, k streamKind) {
	t.Run(k.op+" streams an 8 MiB object", func(t *testing.T) {
		c := startConfigured(t, f, nil)
		obj, data := NewObject("rec-large", "large.wav", sizeLarge)
		if _, err := k.client(t, c)(context.Background(), obj, bytes.NewReader(data)); err != nil {
			t.Fatalf("%s: %v", k.op, err)
		}
	})
	t.Run(k.op+" of the same object twice returns the same location", func(t *testing.T) {
		checkIdempotent(t, k.client(t, startConfigured(t, f, nil)), k.op)
	})
	t.Run("a cancelled "+k.op+" returns the context's error and stores nothing", func(t *testing.T) {
		checkCancel(t, f, k)
	})
	t.Run("a corrupted transfer fails with ErrMismatch and stores nothing", func(t *testing.T) {
		checkCorrupt(t, f, k)
	})
	t.Run("a reader failure keeps its class across the wire", func(t *testing.T) {
		checkClass(t, f, k, errInjectedPermanent, true)
		checkClass(t, f, k, errInjectedRetryable, false)
	})
	t.Run("concurrent "+k.op+"s of different objects all succeed", func(t *testing.T) {
		checkConcurrent(t, k.client(t, startConfigured(t, f, nil)), k.op)
	})
}

func checkIdempotent(t *testing.T, send sendFunc, op string) {
	obj, data := NewObject("rec-idem", "twice.mp3", 100<<10)
	first, err := send(context.Background(), obj, bytes.NewReader(data))
	if err != nil {
		t.Fatalf("first %s: %v", op, err)
	}
	second, err := send(context.Background(), obj, bytes.NewReader(data))
	if err != nil {
		t.Fatalf("second %s of the same object: %v", op, err)
	}
	if first != second {
		t.Errorf("locations differ: %q then %q", first.URI, second.URI)
	}
}

func checkCancel(t *testing.T, f Factory, k streamKind) {
	c := startConfigured(t, f, nil)
	obj, data := NewObject("rec-cancel", "cancelled.wav", 4<<20)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := &cancelAfter{r: bytes.NewReader(data), n: 256 << 10, cancel: cancel}
	_, err := k.client(t, c)(ctx, obj, r)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("%s = %v, want an error matching context.Canceled", k.op, err)
	}
	k.checkAbsent(t, c, obj.Key)
}

func checkCorrupt(t *testing.T, f Factory, k streamKind) {
	c := startConfigured(t, f, nil)
	obj, data := NewObject("rec-corrupt", "corrupt.wav", 300<<10)
	data[len(data)/2] ^= 0xff
	_, err := k.client(t, c)(context.Background(), obj, bytes.NewReader(data))
	if !errors.Is(err, sdk.ErrMismatch) || !sdk.IsRetryable(err) {
		t.Fatalf("%s of damaged bytes = %v, want a retryable sdk.ErrMismatch", k.op, err)
	}
	k.checkAbsent(t, c, obj.Key)
}

func checkClass(t *testing.T, f Factory, k streamKind, injected error, permanent bool) {
	c := startConfigured(t, f, func(p sdk.Plugin) sdk.Plugin { return k.inject(p, injected) })
	obj, data := NewObject("rec-class", fmt.Sprintf("class-%v.wav", permanent), 200<<10)
	_, err := k.client(t, c)(context.Background(), obj, bytes.NewReader(data))
	if err == nil || sdk.IsPermanent(err) != permanent {
		t.Fatalf("%s whose reader failed with %q = %v, want permanent=%v", k.op, injected, err, permanent)
	}
	k.checkAbsent(t, c, obj.Key)
}

func checkConcurrent(t *testing.T, send sendFunc, op string) {
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			obj, data := NewObject("rec-concurrent", fmt.Sprintf("part-%d.wav", i), 64<<10+i)
			_, errs[i] = send(context.Background(), obj, bytes.NewReader(data))
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("concurrent %s: %v", op, err)
	}
}

func (k streamKind) checkAbsent(t *testing.T, c *host.Client, key sdk.Key) {
	t.Helper()
	if k.absent != nil {
		k.absent(t, c, key)
	}
}
