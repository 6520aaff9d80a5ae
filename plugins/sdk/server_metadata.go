package sdk

import (
	"context"

	pb "github.com/reel-project/reel/plugins/sdk/internal/pb/v1"
)

// metadataServer serves the Metadata service for m.
type metadataServer struct {
	pb.UnimplementedMetadataServer
	m Metadata
}

func (s *metadataServer) Publish(ctx context.Context, req *pb.PublishRequest) (*pb.PublishResponse, error) {
	doc := Document{
		RecordingID:    req.GetRecordingId(),
		JSON:           req.GetDocumentJson(),
		IdempotencyKey: req.GetIdempotencyKey(),
	}
	if err := doc.Validate(); err != nil {
		return nil, toStatus(err)
	}
	if err := s.m.Publish(ctx, doc); err != nil {
		return nil, toStatus(err)
	}
	return &pb.PublishResponse{}, nil
}
