package main

import (
	"crypto/x509"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/reel-project/reel/core/manifest"
)

func init() {
	register("verify", "check manifests (files or WebDAV URLs): signature, the files' SHA-256 and the hash chain: --ca node.pem manifest.json…", verify)
}

// verify checks manifests and the files beside them, on disk or at http(s) URLs.
func verify(args []string, stdout io.Writer) error {
	fs := pflag.NewFlagSet("verify", pflag.ContinueOnError)
	ca := fs.String("ca", "", "PEM certificates trusted to sign manifests (the node certificates or their CA)")
	user := fs.String("user", "", "user:password for http(s) manifests (WebDAV Basic auth)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *ca == "" || fs.NArg() == 0 {
		return fmt.Errorf("%w: reelctl verify --ca node.pem manifest.json…", errUsage)
	}
	data, err := os.ReadFile(*ca)
	if err != nil {
		return err
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(data) {
		return fmt.Errorf("%s: no PEM certificate", *ca)
	}
	var src manifest.Source = manifest.Dir{}
	if strings.HasPrefix(fs.Arg(0), "http://") || strings.HasPrefix(fs.Arg(0), "https://") {
		u, p, _ := strings.Cut(*user, ":")
		src = manifest.HTTP{User: u, Password: p}
	}
	results, chainErr := manifest.Verify(src, fs.Args(), roots)
	failed := 0
	for _, r := range results {
		if r.Err != nil {
			failed++
			fmt.Fprintf(stdout, "FAIL %s: %v\n", r.Path, r.Err)
			continue
		}
		fmt.Fprintf(stdout, "ok   %s: recording %s, node %s sequence %d, %d files, signed by %s\n",
			r.Path, r.Manifest.RecordingID, r.Manifest.Node, r.Manifest.Sequence, len(r.Manifest.Files), r.Signer)
	}
	if chainErr != nil {
		return chainErr
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d manifests failed", failed, len(results))
	}
	return nil
}
