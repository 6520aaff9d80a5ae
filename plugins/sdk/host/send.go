package host

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/reel-project/reel/plugins/sdk"
	pb "github.com/reel-project/reel/plugins/sdk/internal/pb/v1"
	"github.com/reel-project/reel/plugins/sdk/internal/wire"
)

// sendPart sends a header (chunk nil) or a chunk (header nil) on a Put or
// Deliver stream.
type sendPart func(h *pb.ObjectHeader, chunk []byte) error

// readError is a failure of the caller's reader, not of the plugin.
type readError struct{ err error }

func (e *readError) Error() string { return "reading the object: " + e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

// sendObject sends the header and then r in chunks of at most ChunkSize,
// none larger than what obj.Size leaves to send, so that a small object
// takes a small buffer; a last read of up to endProbe bytes sees the end
// (or the excess the plugin refuses). With local set (the plugin takes
// local files) and r a file the plugin can open itself, it sends only the
// header, naming the file. It stops early, returning nil, when the plugin
// ended the stream (io.EOF from send): the plugin's answer then comes from
// CloseAndRecv.
func sendObject(send sendPart, obj sdk.Object, r io.Reader, local bool) error {
	h := headerPB(obj)
	if local {
		h.LocalPath = localPath(r)
	}
	if err := send(h, nil); err != nil || h.LocalPath != "" {
		return endOfStream(err)
	}
	for left := obj.Size; ; {
		// A fresh buffer per chunk: grpc-go's SendMsg copies the message
		// today, but its contract forbids changing one once sent.
		buf := make([]byte, min(wire.ChunkSize, max(left, endProbe)))
		n, rerr := io.ReadFull(r, buf)
		if n > 0 {
			left -= int64(n)
			if err := send(nil, buf[:n]); err != nil {
				return endOfStream(err)
			}
		}
		if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
			return nil
		}
		if rerr != nil {
			return &readError{rerr}
		}
	}
}

// localPath is the path of r when the plugin can read the same bytes
// from it: r is a regular *os.File opened by an absolute path and not yet
// read from (offset 0). Otherwise it is "" and r is streamed.
func localPath(r io.Reader) string {
	f, ok := r.(*os.File)
	if !ok || !filepath.IsAbs(f.Name()) {
		return ""
	}
	if off, err := f.Seek(0, io.SeekCurrent); err != nil || off != 0 {
		return ""
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return ""
	}
	return f.Name()
}

// endProbe is the size of the read that follows the promised bytes.
const endProbe = 512

func endOfStream(err error) error {
	if errors.Is(err, io.EOF) {
		return nil
	}
	return err
}

func headerPB(obj sdk.Object) *pb.ObjectHeader {
	return &pb.ObjectHeader{
		RecordingId: obj.RecordingID,
		Name:        obj.Name,
		ContentType: obj.ContentType,
		Size:        obj.Size,
		Sha256:      obj.SHA256,
		Metadata:    obj.Metadata,
	}
}

// invalid is the error for a request the host refuses to send.
func (c *Client) invalid(op string, err error) error {
	return sdk.Permanent(fmt.Errorf("plugin %q: %s: %w", c.opts.name, op, err))
}
