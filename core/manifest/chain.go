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

// Seal numbers m, links it to the previous manifest, signs it, hands both
// to store (which must make them durable) and only then records the link:
// a crash before that leaves a manifest that Adopt takes up on the next
// try, never a gap nor a fork. Seals are serialised.
func (c *Chain) Seal(m Manifest, now time.Time, store func(data, sig []byte) error) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	m.Version, m.Node, m.Sequence, m.Previous, m.Sealed = Version, c.node, c.seq+1, c.last, now.UTC()
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	sig, err := cms.Sign(data, c.cert, c.key, now)
	if err != nil {
		return err
	}
	if err := store(data, sig); err != nil {
		return err
	}
	return c.advance(m.Sequence, Hash(data))
}

// Adopt records a manifest that Seal stored before a crash kept it from
// recording the link. One already in the chain is a no-op; one that is
// neither is ErrChain.
func (c *Chain) Adopt(data []byte) error {
	m, err := Parse(data)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case m.Node != c.node:
		return fmt.Errorf("%w: manifest of node %s adopted by node %s", ErrChain, m.Node, c.node)
	case m.Sequence <= c.seq:
		return nil
	case m.Sequence == c.seq+1 && m.Previous == c.last:
		return c.advance(m.Sequence, Hash(data))
	}
	return fmt.Errorf("%w: manifest %d (previous %s) does not follow %d (%s)", ErrChain, m.Sequence, m.Previous, c.seq, c.last)
}

// advance makes the new last link durable; the caller holds mu.
func (c *Chain) advance(seq uint64, hash string) error {
	if err := writeState(c.path, fmt.Sprintf("%d %s\n", seq, hash)); err != nil {
		return err
	}
	c.seq, c.last = seq, hash
	return nil
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
