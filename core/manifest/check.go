package manifest

import (
	"cmp"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"io"
	"slices"

	"github.com/reel-project/reel/core/cms"
)

// Check verifies a manifest's signature (signer chaining to roots) and
// returns the parsed manifest and the signer.
func Check(data, sig []byte, roots *x509.CertPool) (*Manifest, *x509.Certificate, error) {
	signer, err := cms.Verify(sig, data, roots)
	if err != nil {
		return nil, nil, err
	}
	m, err := Parse(data)
	return m, signer, err
}

// CheckFile compares a stored file with its manifest entry.
func CheckFile(f File, r io.Reader) error {
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return err
	}
	if got := hex.EncodeToString(h.Sum(nil)); n != f.Size || got != f.SHA256 {
		return fmt.Errorf("%w: %s: %d bytes with SHA-256 %s, manifest says %d bytes, %s", ErrFile, f.Name, n, got, f.Size, f.SHA256)
	}
	return nil
}

// Link is one manifest of a chain: its bytes and what they say.
type Link struct {
	Data     []byte
	Manifest *Manifest
}

// CheckChain checks that the manifests of one node follow each other: in
// sequence order, each names the hash of the one before. Sequences before
// the first given are trusted (a chain may be checked from any point);
// a missing sequence, a duplicate or a wrong hash is ErrChain.
func CheckChain(links []Link) error {
	slices.SortFunc(links, func(a, b Link) int { return cmp.Compare(a.Manifest.Sequence, b.Manifest.Sequence) })
	for i := 1; i < len(links); i++ {
		prev, cur := links[i-1], links[i]
		if cur.Manifest.Node != prev.Manifest.Node {
			return fmt.Errorf("%w: manifests of nodes %s and %s mixed", ErrChain, prev.Manifest.Node, cur.Manifest.Node)
		}
		if cur.Manifest.Sequence != prev.Manifest.Sequence+1 {
			return fmt.Errorf("%w: node %s: sequence %d follows %d (%d missing or duplicated)", ErrChain,
				cur.Manifest.Node, cur.Manifest.Sequence, prev.Manifest.Sequence, int64(cur.Manifest.Sequence-prev.Manifest.Sequence)-1)
		}
		if want := Hash(prev.Data); cur.Manifest.Previous != want {
			return fmt.Errorf("%w: node %s: sequence %d (%s) names previous %s, but sequence %d hashes to %s", ErrChain,
				cur.Manifest.Node, cur.Manifest.Sequence, cur.Manifest.RecordingID, cur.Manifest.Previous, prev.Manifest.Sequence, want)
		}
	}
	return nil
}
