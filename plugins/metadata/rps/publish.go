package rps

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"

	"github.com/reel-project/reel/plugins/internal/httpput"
	"github.com/reel-project/reel/plugins/sdk"
)

// Version is the plugin's version, reported to the host.
const Version = "1.0.0"

// IdempotencyHeader carries the document's idempotency key (the recording
// id) so the Recording Processor can drop a retried POST.
const IdempotencyHeader = "Idempotency-Key"

// RPS publishes metadata documents. It is safe for concurrent use;
// Configure must come first.
type RPS struct {
	state atomic.Pointer[state]
}

type state struct {
	client  *httpput.Client
	headers http.Header
}

var (
	_ sdk.Plugin   = (*RPS)(nil)
	_ sdk.Metadata = (*RPS)(nil)
)

var errNotConfigured = sdk.Permanent(errors.New("metadata-rps: not configured"))

// New returns an unconfigured plugin.
func New() *RPS { return &RPS{} }

// Info names the plugin.
func (p *RPS) Info() sdk.Info { return sdk.Info{Name: "metadata-rps", Version: Version} }

// Configure parses the block and reads password_file and ca_file.
func (p *RPS) Configure(raw json.RawMessage) error {
	cfg, err := ParseConfig(raw)
	if err != nil {
		return err
	}
	client, err := httpput.New(cfg.Settings)
	if err != nil {
		return err
	}
	hdr := http.Header{}
	for k, v := range cfg.Headers {
		hdr.Set(k, v)
	}
	p.state.Store(&state{client: client, headers: hdr})
	sdk.Logger().Info("configured", "settings", cfg.Settings.String())
	return nil
}

// Publish POSTs the document as it is. 2xx acknowledges it; every other
// answer is an error classed by httpput.StatusError (4xx permanent with the
// status and the first 512 bytes of the body, 5xx/408/429 retryable).
func (p *RPS) Publish(ctx context.Context, doc sdk.Document) error {
	s := p.state.Load()
	if s == nil {
		return errNotConfigured
	}
	if err := doc.Validate(); err != nil {
		return fmt.Errorf("metadata-rps: %w", err)
	}
	hdr := s.headers.Clone()
	hdr.Set("Content-Type", "application/json")
	hdr.Set(IdempotencyHeader, doc.IdempotencyKey)
	u := s.client.Base()
	resp, err := s.client.Post(ctx, u, doc.JSON, hdr)
	if err != nil {
		return fmt.Errorf("metadata-rps: %w", err)
	}
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("metadata-rps: recording %s: %w", doc.RecordingID, httpput.StatusError(http.MethodPost, u, resp))
	}
	httpput.Drain(resp)
	return nil
}
