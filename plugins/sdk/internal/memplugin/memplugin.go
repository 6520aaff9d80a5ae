package memplugin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/reel-project/reel/plugins/sdk"
)

// Plugin keeps objects, deliveries and documents in maps. It is safe for
// concurrent use.
type Plugin struct {
	mu        sync.Mutex
	cfg       Config
	objects   map[sdk.Key]sdk.Stored
	delivered map[sdk.Key]sdk.Stored
	documents map[string]json.RawMessage
}

var (
	_ sdk.Plugin    = (*Plugin)(nil)
	_ sdk.Storage   = (*Plugin)(nil)
	_ sdk.Metadata  = (*Plugin)(nil)
	_ sdk.Analytics = (*Plugin)(nil)
)

var errNotConfigured = sdk.Permanent(errors.New("memplugin: not configured"))

// New returns an empty, unconfigured plugin.
func New() *Plugin {
	return &Plugin{
		objects:   map[sdk.Key]sdk.Stored{},
		delivered: map[sdk.Key]sdk.Stored{},
		documents: map[string]json.RawMessage{},
	}
}

// Info names the plugin.
func (p *Plugin) Info() sdk.Info { return sdk.Info{Name: "memplugin", Version: "1.0.0"} }

// Configure takes the configuration block.
func (p *Plugin) Configure(raw json.RawMessage) error {
	cfg, err := ParseConfig(raw)
	if err != nil {
		return err
	}
	p.mu.Lock()
	p.cfg = cfg
	p.mu.Unlock()
	sdk.Logger().Info("configured", "scheme", cfg.Scheme)
	return nil
}

// Put keeps the object's size and hash (the content is checked by the SDK).
func (p *Plugin) Put(ctx context.Context, obj sdk.Object, r io.Reader) (sdk.Location, error) {
	return p.keep(p.objects, obj, r)
}

// Deliver is Put into a separate map.
func (p *Plugin) Deliver(ctx context.Context, obj sdk.Object, r io.Reader) (sdk.Location, error) {
	return p.keep(p.delivered, obj, r)
}

func (p *Plugin) keep(m map[sdk.Key]sdk.Stored, obj sdk.Object, r io.Reader) (sdk.Location, error) {
	if _, err := io.Copy(io.Discard, r); err != nil {
		return sdk.Location{}, fmt.Errorf("memplugin: receive %s: %w", obj.Name, err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cfg.Scheme == "" {
		return sdk.Location{}, errNotConfigured
	}
	if have, ok := m[obj.Key]; ok {
		if have.Size != obj.Size || have.SHA256 != obj.SHA256 {
			return sdk.Location{}, fmt.Errorf("memplugin: %s/%s: %w", obj.RecordingID, obj.Name, sdk.ErrExists)
		}
		return have.Location, nil
	}
	loc := sdk.Location{URI: p.cfg.Scheme + "://" + obj.RecordingID + "/" + obj.Name}
	m[obj.Key] = sdk.Stored{Size: obj.Size, SHA256: obj.SHA256, Location: loc}
	return loc, nil
}

// Stat looks the object up.
func (p *Plugin) Stat(ctx context.Context, key sdk.Key) (sdk.Stored, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	st, ok := p.objects[key]
	if !ok {
		return sdk.Stored{}, sdk.ErrNotFound
	}
	return st, nil
}

// Delete forgets the object.
func (p *Plugin) Delete(ctx context.Context, key sdk.Key) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.objects, key)
	return nil
}

// Publish keeps the document under its idempotency key.
func (p *Plugin) Publish(ctx context.Context, doc sdk.Document) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cfg.Scheme == "" {
		return errNotConfigured
	}
	p.documents[doc.IdempotencyKey] = doc.JSON
	return nil
}

// Documents returns how many distinct documents were published.
func (p *Plugin) Documents() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.documents)
}
