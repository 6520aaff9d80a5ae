package host

import (
	"context"
	"errors"
	"fmt"
	"io"

	"google.golang.org/grpc/codes"

	"github.com/reel-project/reel/plugins/sdk"
	pb "github.com/reel-project/reel/plugins/sdk/internal/pb/v1"
)

// storageClient is sdk.Storage over gRPC.
type storageClient struct {
	c  *Client
	pb pb.StorageClient
}

var _ sdk.Storage = (*storageClient)(nil)

// Put streams r to the plugin in chunks of just under 1 MiB, or, when r is
// an *os.File opened by an absolute path and still at offset 0 and the
// plugin takes local files (Client.LocalFiles), names the file instead and
// leaves r unread. obj must carry the exact Size and SHA256 of r's content:
// the plugin refuses anything else (of a local file, it checks the size).
func (s *storageClient) Put(ctx context.Context, obj sdk.Object, r io.Reader) (sdk.Location, error) {
	const op = "storage.Put"
	if err := obj.Validate(); err != nil {
		return sdk.Location{}, s.c.invalid(op, err)
	}
	ctx, cancel := s.c.callContext(ctx)
	defer cancel()
	stream, err := s.pb.Put(ctx)
	if err != nil {
		return sdk.Location{}, s.c.fail(ctx, op, err)
	}
	send := func(h *pb.ObjectHeader, chunk []byte) error {
		if h != nil {
			return stream.Send(&pb.PutRequest{Part: &pb.PutRequest_Header{Header: h}})
		}
		return stream.Send(&pb.PutRequest{Part: &pb.PutRequest_Chunk{Chunk: chunk}})
	}
	if err := s.c.finishSend(ctx, op, sendObject(send, obj, r, s.c.LocalFiles())); err != nil {
		return sdk.Location{}, err
	}
	resp, err := stream.CloseAndRecv()
	if err != nil {
		return sdk.Location{}, s.c.fail(ctx, op, err)
	}
	return sdk.Location{URI: resp.GetLocation()}, nil
}

// Stat returns sdk.ErrNotFound (wrapped) when the plugin has no such object.
func (s *storageClient) Stat(ctx context.Context, key sdk.Key) (sdk.Stored, error) {
	const op = "storage.Stat"
	if err := key.Validate(); err != nil {
		return sdk.Stored{}, s.c.invalid(op, err)
	}
	ctx, cancel := s.c.callContext(ctx)
	defer cancel()
	resp, err := s.pb.Stat(ctx, &pb.StatRequest{RecordingId: key.RecordingID, Name: key.Name})
	if err != nil {
		return sdk.Stored{}, s.c.fail(ctx, op, err)
	}
	if !resp.GetExists() {
		return sdk.Stored{}, &Error{Plugin: s.c.opts.name, Op: op, Code: codes.NotFound, Msg: key.RecordingID + "/" + key.Name}
	}
	return sdk.Stored{
		Size:     resp.GetSize(),
		SHA256:   resp.GetSha256(),
		Location: sdk.Location{URI: resp.GetLocation()},
	}, nil
}

// Delete returns sdk.ErrUnimplemented (wrapped) when the plugin cannot delete.
func (s *storageClient) Delete(ctx context.Context, key sdk.Key) error {
	const op = "storage.Delete"
	if err := key.Validate(); err != nil {
		return s.c.invalid(op, err)
	}
	ctx, cancel := s.c.callContext(ctx)
	defer cancel()
	_, err := s.pb.Delete(ctx, &pb.DeleteRequest{RecordingId: key.RecordingID, Name: key.Name})
	return s.c.fail(ctx, op, err)
}

// finishSend classifies what sendObject returned: a failure of the caller's
// reader keeps its own class (the deferred cancel aborts the stream, so the
// plugin stores nothing); a stream failure is the plugin's.
func (c *Client) finishSend(ctx context.Context, op string, err error) error {
	var re *readError
	if errors.As(err, &re) {
		return fmt.Errorf("plugin %q: %s: %w", c.opts.name, op, re)
	}
	return c.fail(ctx, op, err)
}
