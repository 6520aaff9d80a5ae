package manifest

import (
	"crypto"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/reel-project/reel/core/cms"
)

// stateFile holds "<sequence> <hash>" of the node's last manifest.
const stateFile = "manifest-chain"

// Chain appends manifests to this node's hash chain. Safe for concurrent use.
type Chain struct {
	path string
	node string
	cert *x509.Certificate
	key  crypto.Signer
	mu   sync.Mutex
	seq  uint64
	last string
}

// OpenChain reads the chain's state from dir (none yet: the chain starts).
func OpenChain(dir, node string, cert *x509.Certificate, key crypto.Signer) (*Chain, error) {
	c := &Chain{path: filepath.Join(dir, stateFile), node: node, cert: cert, key: key}
	data, err := os.ReadFile(c.path)
	if os.IsNotExist(err) {
		return c, nil
	}
	if err != nil {
		return nil, err
	}
	seq, hash, ok := strings.Cut(strings.TrimSpace(string(data)), " ")
	if c.seq, err = strconv.ParseUint(seq, 10, 64); err != nil || !ok || len(hash) != 64 {
		return nil, fmt.Errorf("%w: %s: %q", ErrMalformed, c.path, data)
	}
	c.last = hash
	return c, nil
}

// Seal numbers m, links it to the previous manifest, signs it and makes
// the link durable before returning the manifest's bytes and signature.
// The state is written first: a crash after it leaves a gap that CheckChain
// reports by sequence number, never a fork.
func (c *Chain) Seal(m Manifest, now time.Time) (data, sig []byte, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	m.Version, m.Node, m.Sequence, m.Previous, m.Sealed = Version, c.node, c.seq+1, c.last, now.UTC()
	if data, err = json.MarshalIndent(m, "", "  "); err != nil {
		return nil, nil, err
	}
	if sig, err = cms.Sign(data, c.cert, c.key, now); err != nil {
		return nil, nil, err
	}
	hash := Hash(data)
	if err := writeState(c.path, fmt.Sprintf("%d %s\n", m.Sequence, hash)); err != nil {
		return nil, nil, err
	}
	c.seq, c.last = m.Sequence, hash
	return data, sig, nil
}

// writeState replaces path atomically and durably.
func writeState(path, text string) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	_, werr := f.WriteString(text)
	serr := f.Sync()
	if cerr := f.Close(); werr == nil && serr == nil {
		werr = cerr
	}
	if werr = firstErr(werr, serr); werr != nil {
		return werr
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	d, err := os.Open(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}
