package sdk

import (
	"context"
	"encoding/hex"
	"fmt"
	"io"

	pb "github.com/reel-project/reel/plugins/sdk/internal/pb/v1"
	"github.com/reel-project/reel/plugins/sdk/internal/wire"
)

// objectPart is a message of a Put or Deliver stream.
type objectPart interface {
	GetHeader() *pb.ObjectHeader
	GetChunk() []byte
}

// objectBody is the content a Put or Deliver hands the plugin; stop ends
// it once the plugin's method returned.
type objectBody interface {
	io.Reader
	stop()
}

// receiveObject reads the header of a Put or Deliver stream and returns the
// object with a reader over the chunks that follow, or over the header's
// local file (then no chunk may follow). ctx is the stream's: a local
// file's reader fails with its error when the host gives up.
func receiveObject[M objectPart](ctx context.Context, recv func() (M, error)) (Object, objectBody, error) {
	first, err := recv()
	if err != nil {
		return Object{}, nil, err
	}
	h := first.GetHeader()
	if h == nil {
		return Object{}, nil, fmt.Errorf("%w: the first message is not a header", ErrInvalid)
	}
	obj := Object{
		Key:         Key{RecordingID: h.GetRecordingId(), Name: h.GetName()},
		ContentType: h.GetContentType(),
		Size:        h.GetSize(),
		SHA256:      h.GetSha256(),
		Metadata:    h.GetMetadata(),
	}
	if err := obj.Validate(); err != nil {
		return Object{}, nil, err
	}
	if path := h.GetLocalPath(); path != "" {
		if err := noChunks(recv); err != nil {
			return Object{}, nil, err
		}
		f, err := openLocalFile(ctx, obj, path)
		if err != nil {
			return Object{}, nil, err
		}
		return obj, f, nil
	}
	next := func() ([]byte, error) {
		m, err := recv()
		if err != nil {
			return nil, err
		}
		if m.GetHeader() != nil {
			return nil, fmt.Errorf("%w: a second header", ErrInvalid)
		}
		return m.GetChunk(), nil
	}
	return obj, newObjectReader(obj, next), nil
}

// noChunks waits for the end of a stream whose header named a local file.
func noChunks[M objectPart](recv func() (M, error)) error {
	_, err := recv()
	switch {
	case err == io.EOF:
		return nil
	case err != nil:
		return err
	}
	return fmt.Errorf("%w: a message after a header with local_path", ErrInvalid)
}

// objectReader yields the content of a stream and checks it against the
// header: past the promised size, or at the end with a different size or
// SHA-256, it returns an ErrMismatch error instead of io.EOF. It is not
// safe for concurrent use.
type objectReader struct {
	next     func() ([]byte, error) // the next chunk, or io.EOF
	buf      []byte                 // the rest of the current chunk
	err      error                  // sticky: io.EOF, a mismatch or the stream's error
	got      int64
	want     int64
	wantHash string
	h        *asyncHash
}

// newObjectReader starts the hash's goroutine, which ends at the reader's
// end (io.EOF or an error) or with stop: call stop when the plugin's method
// returns.
func newObjectReader(obj Object, next func() ([]byte, error)) *objectReader {
	return &objectReader{next: next, want: obj.Size, wantHash: obj.SHA256, h: newAsyncHash()}
}

// stop ends the hash's goroutine, for a reader the plugin did not read to
// its end; a reader stopped before its end fails with ErrMismatch. It is
// safe to call concurrently with the other methods and more than once.
func (r *objectReader) stop() { r.h.Stop() }

func (r *objectReader) Read(p []byte) (int, error) {
	for len(r.buf) == 0 {
		if r.err != nil {
			return 0, r.err
		}
		r.fill()
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// WriteTo hands each chunk to w without copying it; io.Copy uses it.
func (r *objectReader) WriteTo(w io.Writer) (int64, error) {
	var total int64
	for {
		if len(r.buf) > 0 {
			n, err := w.Write(r.buf)
			total += int64(n)
			r.buf = r.buf[n:]
			if err != nil {
				return total, err
			}
		}
		if r.err != nil {
			return total, r.errOrNil()
		}
		r.fill()
	}
}

func (r *objectReader) errOrNil() error {
	if r.err == io.EOF {
		return nil
	}
	return r.err
}

// fill fetches the next chunk into buf, or sets err and stops the hash.
func (r *objectReader) fill() {
	b, err := r.next()
	switch {
	case err == io.EOF:
		r.err = r.check()
	case err != nil:
		r.err = err
	case len(b) > wire.MaxChunkSize:
		r.err = fmt.Errorf("%w: chunk of %d bytes, limit %d", ErrInvalid, len(b), wire.MaxChunkSize)
	case r.got+int64(len(b)) > r.want:
		r.err = fmt.Errorf("%w: more than %d bytes", ErrMismatch, r.want)
	default:
		r.got += int64(len(b))
		r.h.Write(b) // b is ours: gRPC unmarshals each chunk into a new slice
		r.buf = b
	}
	if r.err != nil {
		r.h.Stop()
	}
}

// check compares what arrived with the header, at the end of the stream.
func (r *objectReader) check() error {
	if r.got != r.want {
		return fmt.Errorf("%w: got %d bytes want %d", ErrMismatch, r.got, r.want)
	}
	if sum := hex.EncodeToString(r.h.Sum()); sum != r.wantHash {
		return fmt.Errorf("%w: got sha256 %s want %s", ErrMismatch, sum, r.wantHash)
	}
	return io.EOF
}
