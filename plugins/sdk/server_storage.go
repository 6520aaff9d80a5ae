package sdk

import (
	"context"
	"errors"

	"google.golang.org/grpc"

	pb "github.com/reel-project/reel/plugins/sdk/internal/pb/v1"
)

// storageServer serves the Storage service for s.
type storageServer struct {
	pb.UnimplementedStorageServer
	s Storage
}

func (s *storageServer) Put(stream grpc.ClientStreamingServer[pb.PutRequest, pb.PutResponse]) error {
	obj, r, err := receiveObject(stream.Context(), stream.Recv)
	if err != nil {
		return toStatus(err)
	}
	defer r.stop()
	loc, err := s.s.Put(stream.Context(), obj, r)
	if err != nil {
		return toStatus(err)
	}
	return stream.SendAndClose(&pb.PutResponse{Location: loc.URI})
}

func (s *storageServer) Stat(ctx context.Context, req *pb.StatRequest) (*pb.StatResponse, error) {
	key := Key{RecordingID: req.GetRecordingId(), Name: req.GetName()}
	if err := key.Validate(); err != nil {
		return nil, toStatus(err)
	}
	st, err := s.s.Stat(ctx, key)
	if errors.Is(err, ErrNotFound) {
		return &pb.StatResponse{}, nil
	}
	if err != nil {
		return nil, toStatus(err)
	}
	return &pb.StatResponse{Exists: true, Size: st.Size, Sha256: st.SHA256, Location: st.Location.URI}, nil
}

func (s *storageServer) Delete(ctx context.Context, req *pb.DeleteRequest) (*pb.DeleteResponse, error) {
	key := Key{RecordingID: req.GetRecordingId(), Name: req.GetName()}
	if err := key.Validate(); err != nil {
		return nil, toStatus(err)
	}
	if err := s.s.Delete(ctx, key); err != nil {
		return nil, toStatus(err)
	}
	return &pb.DeleteResponse{}, nil
}
