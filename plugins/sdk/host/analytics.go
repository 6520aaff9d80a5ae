package host

import (
	"context"
	"io"

	"github.com/reel-project/reel/plugins/sdk"
	pb "github.com/reel-project/reel/plugins/sdk/internal/pb/v1"
)

// analyticsClient is sdk.Analytics over gRPC.
type analyticsClient struct {
	c  *Client
	pb pb.AnalyticsClient
}

var _ sdk.Analytics = (*analyticsClient)(nil)

// Deliver streams r, or names its file, like storageClient.Put.
func (a *analyticsClient) Deliver(ctx context.Context, obj sdk.Object, r io.Reader) (sdk.Location, error) {
	const op = "analytics.Deliver"
	if err := obj.Validate(); err != nil {
		return sdk.Location{}, a.c.invalid(op, err)
	}
	ctx, cancel := a.c.callContext(ctx)
	defer cancel()
	stream, err := a.pb.Deliver(ctx)
	if err != nil {
		return sdk.Location{}, a.c.fail(ctx, op, err)
	}
	send := func(h *pb.ObjectHeader, chunk []byte) error {
		if h != nil {
			return stream.Send(&pb.DeliverRequest{Part: &pb.DeliverRequest_Header{Header: h}})
		}
		return stream.Send(&pb.DeliverRequest{Part: &pb.DeliverRequest_Chunk{Chunk: chunk}})
	}
	if err := a.c.finishSend(ctx, op, sendObject(send, obj, r, a.c.LocalFiles())); err != nil {
		return sdk.Location{}, err
	}
	resp, err := stream.CloseAndRecv()
	if err != nil {
		return sdk.Location{}, a.c.fail(ctx, op, err)
	}
	return sdk.Location{URI: resp.GetLocation()}, nil
}
