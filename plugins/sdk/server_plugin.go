package sdk

import (
	"context"

	pb "github.com/reel-project/reel/plugins/sdk/internal/pb/v1"
)

var kindToPB = map[Kind]pb.Kind{
	KindStorage:   pb.Kind_KIND_STORAGE,
	KindMetadata:  pb.Kind_KIND_METADATA,
	KindAnalytics: pb.Kind_KIND_ANALYTICS,
	KindTTS:       pb.Kind_KIND_TTS,
}

// pluginServer serves the Plugin service for p.
type pluginServer struct {
	pb.UnimplementedPluginServer
	p     Plugin
	kinds []Kind
}

func (s *pluginServer) GetInfo(context.Context, *pb.GetInfoRequest) (*pb.GetInfoResponse, error) {
	info := s.p.Info()
	// Every Go plugin takes local files: the SDK opens them (server_object_file.go).
	resp := &pb.GetInfoResponse{Name: info.Name, Version: info.Version, ProtocolVersion: ProtocolVersion,
		AcceptsLocalPath: true}
	for _, k := range s.kinds {
		resp.Kinds = append(resp.Kinds, kindToPB[k])
	}
	return resp, nil
}

func (s *pluginServer) Configure(_ context.Context, req *pb.ConfigureRequest) (*pb.ConfigureResponse, error) {
	err := s.p.Configure(req.GetConfigJson())
	if err == nil {
		return &pb.ConfigureResponse{}, nil
	}
	problems := ConfigErrors(err)
	if len(problems) == 0 {
		return nil, toStatus(err)
	}
	resp := &pb.ConfigureResponse{}
	for _, ce := range problems {
		resp.Errors = append(resp.Errors, &pb.ConfigError{Key: ce.Key, Message: ce.Err.Error()})
	}
	return resp, nil
}
