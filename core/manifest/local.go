package manifest

import (
	"crypto/x509"
	"fmt"
	"os"
	"path/filepath"
)

// Result is what VerifyLocal found for one manifest.
type Result struct {
	Path     string
	Manifest *Manifest
	Signer   string // the signing certificate's subject
	Err      error  // nil: signature and every file check out
}

// VerifyLocal checks manifests on disk: each one's signature (<path>.p7s,
// signer chaining to roots) and the files it lists, looked up in the
// manifest's directory; then the hash chain of each node's manifests. The
// returned error is the chain's; per-manifest problems are in the results.
func VerifyLocal(paths []string, roots *x509.CertPool) ([]Result, error) {
	var results []Result
	byNode := map[string][]Link{}
	for _, p := range paths {
		r, data := verifyOne(p, roots)
		results = append(results, r)
		if r.Manifest != nil {
			byNode[r.Manifest.Node] = append(byNode[r.Manifest.Node], Link{Data: data, Manifest: r.Manifest})
		}
	}
	for _, links := range byNode {
		if err := CheckChain(links); err != nil {
			return results, err
		}
	}
	return results, nil
}

func verifyOne(path string, roots *x509.CertPool) (Result, []byte) {
	r := Result{Path: path}
	data, err := os.ReadFile(path)
	if err != nil {
		r.Err = err
		return r, nil
	}
	sig, err := os.ReadFile(path + ".p7s")
	if err != nil {
		r.Err = fmt.Errorf("signature: %w", err)
		return r, nil
	}
	m, signer, err := Check(data, sig, roots)
	if err != nil {
		r.Err = err
		return r, nil
	}
	r.Manifest, r.Signer = m, signer.Subject.String()
	for _, f := range m.Files {
		if r.Err = checkLocalFile(filepath.Join(filepath.Dir(path), filepath.Base(f.Name)), f); r.Err != nil {
			break
		}
	}
	return r, data
}

func checkLocalFile(path string, f File) error {
	fh, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrFile, err)
	}
	defer fh.Close()
	return CheckFile(f, fh)
}
