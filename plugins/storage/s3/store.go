package s3

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync/atomic"

	"github.com/reel-project/reel/plugins/sdk"
)

// Version is the plugin's version, reported to the host.
const Version = "1.0.0"

// metaSHA256 is the user-metadata header holding the object's SHA-256.
const metaSHA256 = "X-Amz-Meta-Sha256"

// Store keeps objects in one bucket under a prefix. It is safe for
// concurrent use; Configure must come first.
type Store struct {
	st atomic.Pointer[state]
}

// state is what Configure builds.
type state struct {
	cfg Config
	c   *client
}

var (
	_ sdk.Plugin  = (*Store)(nil)
	_ sdk.Storage = (*Store)(nil)
)

// New returns an unconfigured plugin.
func New() *Store { return &Store{} }

// Info names the plugin.
func (s *Store) Info() sdk.Info { return sdk.Info{Name: "storage-s3", Version: Version} }

// Configure parses the block and reads the credential and CA files. It
// does not contact the server: a server that is down at start-up is a
// retryable failure of the first Put, not a configuration error.
func (s *Store) Configure(raw json.RawMessage) error {
	cfg, err := ParseConfig(raw)
	if err != nil {
		return err
	}
	c, err := newClient(cfg)
	if err != nil {
		return err
	}
	s.st.Store(&state{cfg: cfg, c: c})
	sdk.Logger().Info("configured", "endpoint", cfg.Endpoint, "destination",
		Destination{Bucket: cfg.Bucket, Prefix: cfg.Prefix}.String(), "path_style", *cfg.PathStyle)
	return nil
}

func (s *Store) state() (*state, error) {
	st := s.st.Load()
	if st == nil {
		return nil, errNotConfigured
	}
	return st, nil
}

// objectKey is <prefix>/<recording id>/<name>.
func (st *state) objectKey(k sdk.Key) string {
	key := k.RecordingID + "/" + k.Name
	if st.cfg.Prefix != "" {
		key = st.cfg.Prefix + "/" + key
	}
	return key
}

func (st *state) location(key string) sdk.Location {
	return sdk.Location{URI: "s3://" + st.cfg.Bucket + "/" + key}
}

// Stat HEADs the object and reads its size and x-amz-meta-sha256.
func (s *Store) Stat(ctx context.Context, k sdk.Key) (sdk.Stored, error) {
	st, err := s.state()
	if err != nil {
		return sdk.Stored{}, err
	}
	if err := k.Validate(); err != nil {
		return sdk.Stored{}, err
	}
	return st.stat(ctx, st.objectKey(k))
}

func (st *state) stat(ctx context.Context, key string) (sdk.Stored, error) {
	resp, err := st.c.do(ctx, request{op: "HEAD", method: http.MethodHead, key: key})
	var e *Error
	if errors.As(err, &e) && e.Status == http.StatusNotFound && e.Code != "NoSuchBucket" {
		return sdk.Stored{}, sdk.ErrNotFound
	}
	if err != nil {
		return sdk.Stored{}, err
	}
	drain(resp)
	size, err := strconv.ParseInt(resp.Header.Get("Content-Length"), 10, 64)
	if err != nil {
		return sdk.Stored{}, fmt.Errorf("s3: HEAD %s: Content-Length: %w", st.c.target(key), err)
	}
	return sdk.Stored{Size: size, SHA256: resp.Header.Get(metaSHA256), Location: st.location(key)}, nil
}

// sameOrMissing is nil if key holds obj's content, sdk.ErrNotFound if it
// holds nothing, sdk.ErrExists if it holds something else.
func (st *state) sameOrMissing(ctx context.Context, key string, obj sdk.Object) error {
	got, err := st.stat(ctx, key)
	switch {
	case err != nil:
		return err
	case got.SHA256 == "":
		return fmt.Errorf("s3: %s: %w: %w", st.c.target(key), errNoSHA256, sdk.ErrExists)
	case got.Size != obj.Size || got.SHA256 != obj.SHA256:
		return fmt.Errorf("s3: %s holds %d bytes sha256 %s: %w", st.c.target(key), got.Size, got.SHA256, sdk.ErrExists)
	}
	return nil
}

// Delete removes the object; S3 answers a missing one with success too.
func (s *Store) Delete(ctx context.Context, k sdk.Key) error {
	st, err := s.state()
	if err != nil {
		return err
	}
	if err := k.Validate(); err != nil {
		return err
	}
	resp, err := st.c.do(ctx, request{op: "DELETE", method: http.MethodDelete, key: st.objectKey(k)})
	if err != nil {
		return err
	}
	drain(resp)
	return nil
}
