package sdk

import (
	"context"
	"fmt"

	pb "github.com/reel-project/reel/plugins/sdk/internal/pb/v1"
)

// maxSpeechAudio is the most audio one answer may carry: gRPC's default
// message limit, less room for the envelope.
const maxSpeechAudio = 4<<20 - 4<<10

// ttsServer serves the TTS service for t.
type ttsServer struct {
	pb.UnimplementedTTSServer
	t TTS
}

func (s *ttsServer) Synthesize(ctx context.Context, req *pb.SynthesizeRequest) (*pb.SynthesizeResponse, error) {
	sp := Speech{Text: req.GetText(), SSML: req.GetSsml(), Voice: req.GetVoice()}
	if err := sp.Validate(); err != nil {
		return nil, toStatus(err)
	}
	a, err := s.t.Synthesize(ctx, sp)
	if err != nil {
		return nil, toStatus(err)
	}
	if len(a.Data) == 0 || len(a.Data) > maxSpeechAudio {
		return nil, toStatus(Permanent(fmt.Errorf("plugin answered %d bytes of audio, want 1 to %d", len(a.Data), maxSpeechAudio)))
	}
	return &pb.SynthesizeResponse{Audio: a.Data, ContentType: a.ContentType}, nil
}
