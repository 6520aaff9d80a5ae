package espeak

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/reel-project/reel/plugins/sdk"
)

// Version is the plugin's own version.
const Version = "1.0.0"

// Plugin speaks with espeak-ng. It is safe for concurrent use: each call
// runs its own process.
type Plugin struct {
	cfg atomic.Pointer[Config]
}

var _ sdk.TTS = (*Plugin)(nil)

// New returns the plugin with the default configuration.
func New() *Plugin {
	p := &Plugin{}
	cfg := DefaultConfig()
	p.cfg.Store(&cfg)
	return p
}

// Info names the plugin.
func (*Plugin) Info() sdk.Info { return sdk.Info{Name: "tts-espeak", Version: Version} }

// Configure takes the configuration block and checks that the binary runs.
func (p *Plugin) Configure(raw json.RawMessage) error {
	cfg, err := ParseConfig(raw)
	if err != nil {
		return err
	}
	if _, err := exec.LookPath(cfg.Binary); err != nil {
		return sdk.ConfigErrorf("binary", "%v (install Debian's espeak-ng)", err)
	}
	p.cfg.Store(&cfg)
	return nil
}

// Synthesize runs espeak-ng with the text on its standard input and answers
// the WAV it writes. An unknown voice or text espeak-ng cannot speak is
// ErrInvalid; a failing or hanging binary a retryable error.
func (p *Plugin) Synthesize(ctx context.Context, req sdk.Speech) (sdk.Audio, error) {
	cfg := *p.cfg.Load()
	voice := cfg.Voice
	if req.Voice != "" {
		voice = req.Voice
	}
	if !voiceName.MatchString(voice) {
		return sdk.Audio{}, fmt.Errorf("%w: %q is not a voice name", sdk.ErrInvalid, voice)
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.timeout())
	defer cancel()
	args := []string{"--stdout", "--stdin", "-v", voice, "-s", strconv.Itoa(cfg.Rate)}
	if req.SSML {
		args = append(args, "-m")
	}
	cmd := exec.CommandContext(ctx, cfg.Binary, args...)
	cmd.Stdin = strings.NewReader(req.Text)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return sdk.Audio{}, failure(ctx, voice, err, stderr.String())
	}
	if out.Len() < 44 || !bytes.HasPrefix(out.Bytes(), []byte("RIFF")) {
		return sdk.Audio{}, sdk.Permanent(fmt.Errorf("espeak-ng wrote %d bytes, not a WAV file: %s", out.Len(), firstLine(stderr.String())))
	}
	return sdk.Audio{Data: out.Bytes(), ContentType: "audio/wav"}, nil
}

// failure classifies a failed run.
func failure(ctx context.Context, voice string, err error, stderr string) error {
	switch {
	case ctx.Err() != nil:
		return sdk.Retryable(fmt.Errorf("espeak-ng: %w", ctx.Err()))
	case strings.Contains(stderr, "voice does not exist"):
		return fmt.Errorf("%w: espeak-ng has no voice %q", sdk.ErrInvalid, voice)
	}
	return sdk.Retryable(fmt.Errorf("espeak-ng: %w: %s", err, firstLine(stderr)))
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
