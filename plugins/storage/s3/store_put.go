package s3

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"

	"github.com/reel-project/reel/plugins/sdk"
)

// Put stores obj unless an identical object is there already (HEAD and
// x-amz-meta-sha256). Below the multipart threshold it streams one PUT,
// above it uploads parts and completes the upload only once r reached
// io.EOF. Both are conditional (If-None-Match: *), so a concurrent Put of a
// different object under the key is sdk.ErrExists, never overwritten.
func (s *Store) Put(ctx context.Context, obj sdk.Object, r io.Reader) (sdk.Location, error) {
	st, err := s.state()
	if err != nil {
		return sdk.Location{}, err
	}
	if err := obj.Validate(); err != nil {
		return sdk.Location{}, err
	}
	key := st.objectKey(obj.Key)
	if err := st.sameOrMissing(ctx, key, obj); !errors.Is(err, sdk.ErrNotFound) {
		return st.location(key), err
	}
	if err := st.upload(ctx, key, obj, r); err != nil {
		return sdk.Location{}, err
	}
	return st.location(key), nil
}

// upload sends obj and, when a concurrent Put won the race, compares.
func (st *state) upload(ctx context.Context, key string, obj sdk.Object, r io.Reader) error {
	var err error
	if obj.Size >= st.cfg.MultipartThreshold {
		err = st.putMultipart(ctx, key, obj, r)
	} else {
		err = st.putSingle(ctx, key, obj, r)
	}
	if !lostRace(err) {
		return err
	}
	err = st.sameOrMissing(ctx, key, obj)
	if errors.Is(err, sdk.ErrNotFound) {
		return sdk.Retryable(fmt.Errorf("s3: %s: %w", st.c.target(key), errVanished))
	}
	return err
}

// lostRace: the conditional write found an object that was not there at
// our HEAD (412), or a concurrent conditional write is in progress (409).
func lostRace(err error) bool {
	var e *Error
	return errors.As(err, &e) && (e.Status == http.StatusPreconditionFailed || e.Code == "ConditionalRequestConflict")
}

// putHeader is the metadata every upload carries.
func putHeader(obj sdk.Object) http.Header {
	ct := obj.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	return http.Header{"Content-Type": {ct}, metaSHA256: {obj.SHA256}}
}

// putSingle streams r in one PUT signed over obj.SHA256, so the server
// refuses any other bytes; r's own error (a mismatch, a cancelled host)
// wins over the HTTP outcome.
func (st *state) putSingle(ctx context.Context, key string, obj sdk.Object, r io.Reader) error {
	if obj.Size == 0 { // nothing to stream: check r before storing
		if _, err := io.Copy(io.Discard, r); err != nil {
			return fmt.Errorf("s3: PUT %s: %w", st.c.target(key), err)
		}
	}
	h := putHeader(obj)
	h.Set("If-None-Match", "*")
	body := &guardedReader{r: r}
	resp, err := st.c.do(ctx, request{op: "PUT", method: http.MethodPut, key: key, header: h,
		body: body, size: obj.Size, sha256: obj.SHA256})
	if rerr := body.stop(); rerr != nil {
		err = fmt.Errorf("s3: PUT %s: %w", st.c.target(key), rerr)
	}
	if resp != nil {
		drain(resp)
	}
	return err
}

// guardedReader records the first error of r other than io.EOF, and stops
// reading r once the request is over: net/http may still read a request
// body after Do returned, but r belongs to the host's stream of this call.
type guardedReader struct {
	mu      sync.Mutex
	r       io.Reader
	err     error
	stopped bool
}

var errStopped = errors.New("s3: request body read after the request ended")

func (g *guardedReader) Read(p []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.stopped {
		return 0, errStopped
	}
	n, err := g.r.Read(p)
	if err != nil && err != io.EOF && g.err == nil {
		g.err = err
	}
	return n, err
}

// stop waits for a Read in progress, refuses further ones, and returns
// r's error.
func (g *guardedReader) stop() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.stopped = true
	return g.err
}
