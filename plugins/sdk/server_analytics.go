package sdk

import (
	"google.golang.org/grpc"

	pb "github.com/reel-project/reel/plugins/sdk/internal/pb/v1"
)

// analyticsServer serves the Analytics service for a.
type analyticsServer struct {
	pb.UnimplementedAnalyticsServer
	a Analytics
}

func (s *analyticsServer) Deliver(stream grpc.ClientStreamingServer[pb.DeliverRequest, pb.DeliverResponse]) error {
	obj, r, err := receiveObject(stream.Context(), stream.Recv)
	if err != nil {
		return toStatus(err)
	}
	defer r.stop()
	loc, err := s.a.Deliver(stream.Context(), obj, r)
	if err != nil {
		return toStatus(err)
	}
	return stream.SendAndClose(&pb.DeliverResponse{Location: loc.URI})
}
