package speechminer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/reel-project/reel/plugins/internal/httpput"
	"github.com/reel-project/reel/plugins/sdk"
)

// Version is the plugin's version, reported to the host.
const Version = "1.0.0"

// MetaDest is the object metadata key that carries the MSML "dest" of the
// recording: a destination folder URL that overrides url.
const MetaDest = "dest"

var (
	errNotConfigured = sdk.Permanent(errors.New("analytics-speechminer: not configured"))
	errS3            = errors.New("S3 destinations are served by the storage/s3 plugin; configure analytics through it")
)

// SpeechMiner delivers WAV files. It is safe for concurrent use; Configure
// must come first.
type SpeechMiner struct {
	client atomic.Pointer[httpput.Client]
}

var (
	_ sdk.Plugin    = (*SpeechMiner)(nil)
	_ sdk.Analytics = (*SpeechMiner)(nil)
)

// New returns an unconfigured plugin.
func New() *SpeechMiner { return &SpeechMiner{} }

// Info names the plugin.
func (s *SpeechMiner) Info() sdk.Info {
	return sdk.Info{Name: "analytics-speechminer", Version: Version}
}

// Configure parses the block and reads password_file and ca_file.
func (s *SpeechMiner) Configure(raw json.RawMessage) error {
	cfg, err := ParseConfig(raw)
	if err != nil {
		return err
	}
	client, err := httpput.New(cfg.Settings)
	if err != nil {
		return err
	}
	s.client.Store(client)
	sdk.Logger().Info("configured", "settings", cfg.Settings.String())
	return nil
}

// Deliver PUTs the WAV file to <destination>/<file name>. A second delivery
// overwrites the first with the same bytes and returns the same location.
// When the stream fails the upload is deleted again, so a damaged copy is
// never left for SpeechMiner to import.
func (s *SpeechMiner) Deliver(ctx context.Context, obj sdk.Object, r io.Reader) (sdk.Location, error) {
	c := s.client.Load()
	if c == nil {
		return sdk.Location{}, errNotConfigured
	}
	target, err := check(c, obj)
	if err != nil {
		return sdk.Location{}, fmt.Errorf("analytics-speechminer: %w", err)
	}
	root := target.JoinPath("..", "..") // the destination folder is created too
	if err := c.Put(ctx, root, target, obj.Size, r, obj.ContentType); err != nil {
		if errors.Is(err, httpput.ErrStream) {
			removeDamaged(c, target, err)
		}
		return sdk.Location{}, fmt.Errorf("analytics-speechminer: %w", err)
	}
	return sdk.Location{URI: httpput.Redacted(target)}, nil
}

// check validates obj and returns where it goes.
func check(c *httpput.Client, obj sdk.Object) (*url.URL, error) {
	if err := obj.Validate(); err != nil {
		return nil, err
	}
	if mt, _, err := mime.ParseMediaType(obj.ContentType); err != nil || (mt != "audio/wav" && mt != "audio/x-wav" && mt != "audio/wave") {
		return nil, fmt.Errorf("%w: content type %q: SpeechMiner takes the audio/wav copy only", sdk.ErrInvalid, obj.ContentType)
	}
	dest, err := destination(c, obj.Metadata[MetaDest])
	if err != nil {
		return nil, err
	}
	return dest.JoinPath(obj.Name), nil
}

// destination is the configured URL, or the recording's own dest.
func destination(c *httpput.Client, dest string) (*url.URL, error) {
	switch {
	case dest == "":
		return c.Base(), nil
	case isS3(dest):
		return nil, sdk.Permanent(fmt.Errorf("dest %q: %w", dest, errS3))
	}
	u, err := url.Parse(dest)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%w: dest %q is not an http(s) URL", sdk.ErrInvalid, dest)
	}
	return u, nil
}

// removeDamaged deletes target after the stream failed; the server may
// have stored what arrived (all of it, when only the checksum was wrong). It has its own context: the call's may be over.
func removeDamaged(c *httpput.Client, target *url.URL, cause error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.Delete(ctx, target); err != nil {
		sdk.Logger().Warn("could not remove a failed delivery", "url", httpput.Redacted(target), "cause", cause, "err", err)
	}
}
