package sdktest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/host"
)

// streamKind abstracts over Storage.Put and Analytics.Deliver, which share
// the object stream and its rules.
type streamKind struct {
	op     string                                         // "Put" or "Deliver"
	client func(*testing.T, *host.Client) sendFunc        // the typed client's call
	inject func(p sdk.Plugin, wrap wrapReader) sdk.Plugin // p whose reader is wrap's
	absent func(*testing.T, *host.Client, sdk.Key)        // fails t if key is stored; nil if it cannot tell
}

type sendFunc func(ctx context.Context, obj sdk.Object, r io.Reader) (sdk.Location, error)

// wrapReader replaces the reader a plugin's Put or Deliver gets (ctx is the
// plugin's); done, when not nil, is called once the call returned.
type wrapReader func(ctx context.Context, r io.Reader) (wrapped io.Reader, done func())

// sizeLarge is the "several MiB" object.
const sizeLarge = 8 << 20

// checkStream runs the stream checks in each mode; the names of the
// streamed mode's subtests have no suffix.
func checkStream(t *testing.T, f Factory, k streamKind) {
	for _, m := range modes {
		t.Run(k.op+" streams an 8 MiB object"+m.suffix, func(t *testing.T) {
			c := m.start(t, f, nil)
			obj, data := NewObject("rec-large", "large.wav", sizeLarge)
			if _, err := k.client(t, c)(context.Background(), obj, m.reader(t, data)); err != nil {
				t.Fatalf("%s: %v", k.op, err)
			}
		})
		t.Run(k.op+" of the same object twice returns the same location"+m.suffix, func(t *testing.T) {
			checkIdempotent(t, k.client(t, m.start(t, f, nil)), k.op, m)
		})
		t.Run("a cancelled "+k.op+" returns the context's error and stores nothing"+m.suffix, func(t *testing.T) {
			checkCancel(t, f, k, m)
		})
		t.Run(m.corruptName(), func(t *testing.T) { checkCorrupt(t, f, k, m) })
		t.Run("a reader failure keeps its class across the wire"+m.suffix, func(t *testing.T) {
			checkClass(t, f, k, m, errInjectedPermanent, true)
			checkClass(t, f, k, m, errInjectedRetryable, false)
		})
		t.Run("concurrent "+k.op+"s of different objects all succeed"+m.suffix, func(t *testing.T) {
			checkConcurrent(t, k.client(t, m.start(t, f, nil)), k.op, m)
		})
	}
	t.Run(k.op+" of the same object streamed and as a local file returns the same location", func(t *testing.T) {
		checkModesAgree(t, f, k)
	})
}

func checkIdempotent(t *testing.T, send sendFunc, op string, m mode) {
	obj, data := NewObject("rec-idem", "twice.mp3", 100<<10)
	first, err := send(context.Background(), obj, m.reader(t, data))
	if err != nil {
		t.Fatalf("first %s: %v", op, err)
	}
	second, err := send(context.Background(), obj, m.reader(t, data))
	if err != nil {
		t.Fatalf("second %s of the same object: %v", op, err)
	}
	if first != second {
		t.Errorf("locations differ: %q then %q", first.URI, second.URI)
	}
}

// checkModesAgree sends one object from memory (streamed), then as a local
// file, through one client: the second is the idempotent repeat of the first.
func checkModesAgree(t *testing.T, f Factory, k streamKind) {
	c := localFile.start(t, f, nil)
	obj, data := NewObject("rec-modes", "both.wav", 300<<10)
	first, err := k.client(t, c)(context.Background(), obj, streamed.reader(t, data))
	if err != nil {
		t.Fatalf("%s streamed: %v", k.op, err)
	}
	second, err := k.client(t, c)(context.Background(), obj, localFile.reader(t, data))
	if err != nil {
		t.Fatalf("%s of the same object as a local file: %v", k.op, err)
	}
	if first != second {
		t.Errorf("locations differ: %q streamed, %q as a local file", first.URI, second.URI)
	}
}

// checkCancel cancels the call after 256 KiB: streamed, the host's reader
// cancels and the stream breaks; as a local file, the plugin's reader
// cancels the host's context and waits until the plugin's ends too, and
// the check for a stored object waits until the plugin's call returned.
func checkCancel(t *testing.T, f Factory, k streamKind, m mode) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wrap func(sdk.Plugin) sdk.Plugin
	returned := make(chan struct{})
	if m.local {
		wrap = func(p sdk.Plugin) sdk.Plugin {
			return k.inject(p, func(pctx context.Context, r io.Reader) (io.Reader, func()) {
				cancelBoth := func() { cancel(); waitFor(pctx.Done()) }
				return &cancelAfter{r: r, n: 256 << 10, cancel: cancelBoth}, func() { close(returned) }
			})
		}
	}
	c := m.start(t, f, wrap)
	obj, data := NewObject("rec-cancel", "cancelled.wav", 4<<20)
	r := m.reader(t, data)
	if !m.local {
		r = &cancelAfter{r: r, n: 256 << 10, cancel: cancel}
	}
	_, err := k.client(t, c)(ctx, obj, r)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("%s = %v, want an error matching context.Canceled", k.op, err)
	}
	if m.local {
		waitFor(returned)
	}
	k.checkAbsent(t, c, obj.Key)
}

// waitFor waits until ch is closed, for at most 10 s.
func waitFor(ch <-chan struct{}) {
	select {
	case <-ch:
	case <-time.After(10 * time.Second):
	}
}

// corruptName names checkCorrupt's subtest: a local file is not hashed, so
// only its size can be wrong.
func (m mode) corruptName() string {
	if m.local {
		return "a local file of another size than the header fails with ErrMismatch and stores nothing"
	}
	return "a corrupted transfer fails with ErrMismatch and stores nothing"
}

func checkCorrupt(t *testing.T, f Factory, k streamKind, m mode) {
	c := m.start(t, f, nil)
	obj, data := NewObject("rec-corrupt", "corrupt.wav", 300<<10)
	if m.local {
		data = data[:len(data)-1]
	} else {
		data[len(data)/2] ^= 0xff
	}
	_, err := k.client(t, c)(context.Background(), obj, m.reader(t, data))
	if !errors.Is(err, sdk.ErrMismatch) || !sdk.IsRetryable(err) {
		t.Fatalf("%s of damaged bytes = %v, want a retryable sdk.ErrMismatch", k.op, err)
	}
	k.checkAbsent(t, c, obj.Key)
}

func checkClass(t *testing.T, f Factory, k streamKind, m mode, injected error, permanent bool) {
	fail := func(_ context.Context, r io.Reader) (io.Reader, func()) { return failAfter(r, 1<<10, injected), nil }
	c := m.start(t, f, func(p sdk.Plugin) sdk.Plugin { return k.inject(p, fail) })
	obj, data := NewObject("rec-class", fmt.Sprintf("class-%v.wav", permanent), 200<<10)
	_, err := k.client(t, c)(context.Background(), obj, m.reader(t, data))
	if err == nil || sdk.IsPermanent(err) != permanent {
		t.Fatalf("%s whose reader failed with %q = %v, want permanent=%v", k.op, injected, err, permanent)
	}
	k.checkAbsent(t, c, obj.Key)
}

func checkConcurrent(t *testing.T, send sendFunc, op string, m mode) {
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		obj, data := NewObject("rec-concurrent", fmt.Sprintf("part-%d.wav", i), 64<<10+i)
		r := m.reader(t, data)
		wg.Go(func() { _, errs[i] = send(context.Background(), obj, r) })
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
