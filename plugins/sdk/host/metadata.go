package host

import (
	"context"

	"github.com/reel-project/reel/plugins/sdk"
	pb "github.com/reel-project/reel/plugins/sdk/internal/pb/v1"
)

// metadataClient is sdk.Metadata over gRPC.
type metadataClient struct {
	c  *Client
	pb pb.MetadataClient
}

var _ sdk.Metadata = (*metadataClient)(nil)

func (m *metadataClient) Publish(ctx context.Context, doc sdk.Document) error {
	const op = "metadata.Publish"
	if err := doc.Validate(); err != nil {
		return m.c.invalid(op, err)
	}
	ctx, cancel := m.c.callContext(ctx)
	defer cancel()
	_, err := m.pb.Publish(ctx, &pb.PublishRequest{
		RecordingId:    doc.RecordingID,
		DocumentJson:   doc.JSON,
		IdempotencyKey: doc.IdempotencyKey,
	})
	return m.c.fail(ctx, op, err)
}
