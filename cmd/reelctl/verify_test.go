package main

import (
	"bytes"
	"crypto"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/core/cms"
	"github.com/reel-project/reel/core/manifest"
	"github.com/reel-project/reel/plugins/davtest"
)

// sealed writes n recordings (one file each) and their manifests into dir.
func sealed(t *testing.T, dir string, n int) (ca string, paths []string) {
	t.Helper()
	keyPath, certPath, cert := opensslKey(t, t.TempDir(), "node")
	data, _ := os.ReadFile(keyPath)
	key, err := cms.ParsePrivateKey(data)
	if err != nil {
		t.Fatal(err)
	}
	chain, err := manifest.OpenChain(t.TempDir(), "0a0b0c0d", cert, key.(crypto.Signer))
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		id := string(rune('a' + i))
		body := []byte(strings.Repeat(id, 100+i))
		os.WriteFile(filepath.Join(dir, id+".mp3"), body, 0o644)
		m := manifest.Manifest{RecordingID: id, Files: []manifest.File{{Name: id + ".mp3", Size: int64(len(body)), SHA256: manifest.Hash(body)}}}
		p := filepath.Join(dir, manifest.FileName(id))
		err := chain.Seal(m, time.Now(), func(mdata, sig []byte) error {
			return errors.Join(os.WriteFile(p, mdata, 0o644), os.WriteFile(filepath.Join(dir, manifest.SignatureName(id)), sig, 0o644))
		})
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return certPath, paths
}

func TestVerifyReportsTamperingAndBrokenChains(t *testing.T) {
	dir := t.TempDir()
	ca, paths := sealed(t, dir, 3)
	var out bytes.Buffer
	if err := dispatch(append([]string{"verify", "--ca", ca}, paths...), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if n := strings.Count(out.String(), "ok   "); n != 3 {
		t.Fatalf("%d ok lines:\n%s", n, out.String())
	}
	if err := dispatch([]string{"verify", "--ca", ca, paths[0], paths[2]}, &out); !errors.Is(err, manifest.ErrChain) {
		t.Fatalf("a manifest left out: got %v", err)
	}
	os.WriteFile(filepath.Join(dir, "b.mp3"), []byte("altered"), 0o600)
	out.Reset()
	err := dispatch(append([]string{"verify", "--ca", ca}, paths...), &out)
	if err == nil || !strings.Contains(out.String(), "FAIL "+paths[1]) || !strings.Contains(out.String(), "does not match") {
		t.Fatalf("an altered file: got %v\n%s", err, out.String())
	}
}

func TestVerifyReadsManifestsFromWebDAV(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: runs Apache")
	}
	dav := davtest.Start(t)
	dir := dav.Path("rec")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ca, paths := sealed(t, dir, 2)
	var urls []string
	for _, p := range paths {
		urls = append(urls, dav.URL+"/rec/"+filepath.Base(p))
	}
	var out bytes.Buffer
	auth := davtest.User + ":" + davtest.Password
	if err := dispatch(append([]string{"verify", "--ca", ca, "--user", auth}, urls...), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	os.WriteFile(filepath.Join(dir, "a.mp3"), []byte("altered"), 0o644)
	out.Reset()
	if err := dispatch(append([]string{"verify", "--ca", ca, "--user", auth}, urls...), &out); err == nil || !strings.Contains(out.String(), "FAIL "+urls[0]) {
		t.Fatalf("an altered file on WebDAV: %v\n%s", err, out.String())
	}
}
