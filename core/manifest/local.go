package manifest

import (
	"crypto/x509"
	"fmt"
	"io"
)

// Result is what Verify found for one manifest.
type Result struct {
	Path     string
	Manifest *Manifest
	Signer   string // the signing certificate's subject
	Err      error  // nil: signature and every file check out
}

// Source opens a manifest, its signature and its files: local paths
// (Dir) or URLs (HTTP). Sibling names the file name beside a manifest.
type Source interface {
	Open(path string) (io.ReadCloser, error)
	Sibling(path, name string) string
}

// Verify checks manifests: each one's signature (<path>.p7s, signer
// chaining to roots) and the files it lists, looked up beside it; then the
// hash chain of each node's manifests. The returned error is the chain's;
// per-manifest problems are in the results.
func Verify(src Source, paths []string, roots *x509.CertPool) ([]Result, error) {
	var results []Result
	byNode := map[string][]Link{}
	for _, p := range paths {
		r, data := verifyOne(src, p, roots)
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

// VerifyLocal is Verify of manifests on disk.
func VerifyLocal(paths []string, roots *x509.CertPool) ([]Result, error) {
	return Verify(Dir{}, paths, roots)
}

func verifyOne(src Source, path string, roots *x509.CertPool) (Result, []byte) {
	r := Result{Path: path}
	data, err := readAll(src, path)
	if err != nil {
		r.Err = err
		return r, nil
	}
	sig, err := readAll(src, path+".p7s")
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
		if r.Err = checkSourceFile(src, src.Sibling(path, f.Name), f); r.Err != nil {
			break
		}
	}
	return r, data
}

// maxManifest bounds a manifest or signature read into memory.
const maxManifest = 16 << 20

func readAll(src Source, path string) ([]byte, error) {
	rc, err := src.Open(path)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxManifest+1))
	if err == nil && len(data) > maxManifest {
		err = fmt.Errorf("%w: %s larger than %d bytes", ErrMalformed, path, maxManifest)
	}
	return data, err
}

func checkSourceFile(src Source, path string, f File) error {
	rc, err := src.Open(path)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrFile, err)
	}
	defer rc.Close()
	return CheckFile(f, rc)
}
