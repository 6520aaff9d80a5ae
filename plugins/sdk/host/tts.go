package host

import (
	"context"

	"github.com/reel-project/reel/plugins/sdk"
	pb "github.com/reel-project/reel/plugins/sdk/internal/pb/v1"
)

// ttsClient is sdk.TTS over gRPC.
type ttsClient struct {
	c  *Client
	pb pb.TTSClient
}

var _ sdk.TTS = (*ttsClient)(nil)

func (t *ttsClient) Synthesize(ctx context.Context, req sdk.Speech) (sdk.Audio, error) {
	const op = "tts.Synthesize"
	if err := req.Validate(); err != nil {
		return sdk.Audio{}, t.c.invalid(op, err)
	}
	ctx, cancel := t.c.callContext(ctx)
	defer cancel()
	resp, err := t.pb.Synthesize(ctx, &pb.SynthesizeRequest{Text: req.Text, Ssml: req.SSML, Voice: req.Voice})
	if err != nil {
		return sdk.Audio{}, t.c.fail(ctx, op, err)
	}
	return sdk.Audio{Data: resp.GetAudio(), ContentType: resp.GetContentType()}, nil
}
