package main

import (
	"crypto/x509"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/reel-project/reel/core/manifest"
	"github.com/reel-project/reel/internal/sigv4"
)

func init() {
	register("verify", "check manifests (files, WebDAV URLs or s3:// locations): signature, the files' SHA-256 and the hash chain: --ca node.pem manifest.json…", verify)
}

// verify checks manifests and the files beside them, on disk or at http(s) URLs.
func verify(args []string, stdout io.Writer) error {
	fs := pflag.NewFlagSet("verify", pflag.ContinueOnError)
	ca := fs.String("ca", "", "PEM certificates trusted to sign manifests (the node certificates or their CA)")
	user := fs.String("user", "", "user:password for http(s) manifests (WebDAV Basic auth)")
	endpoint := fs.String("s3-endpoint", "", "S3 endpoint URL for s3://bucket/key manifests (credentials from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)")
	region := fs.String("s3-region", "us-east-1", "S3 region for s3:// manifests")
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
	src, err := manifestSource(fs.Arg(0), *user, *endpoint, *region)
	if err != nil {
		return err
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

// manifestSource picks where manifests are read from by the first one's
// form: an http(s) URL, an s3://bucket/key location, or a local path.
func manifestSource(first, user, endpoint, region string) (manifest.Source, error) {
	switch {
	case strings.HasPrefix(first, "http://"), strings.HasPrefix(first, "https://"):
		u, p, _ := strings.Cut(user, ":")
		return manifest.HTTP{User: u, Password: p}, nil
	case strings.HasPrefix(first, "s3://"):
		key, secret := os.Getenv("AWS_ACCESS_KEY_ID"), os.Getenv("AWS_SECRET_ACCESS_KEY")
		if endpoint == "" || key == "" || secret == "" {
			return nil, fmt.Errorf("%w: s3:// manifests need --s3-endpoint and AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY in the environment", errUsage)
		}
		return manifest.S3{Endpoint: endpoint, Signer: sigv4.Signer{AccessKey: key, SecretKey: secret, Region: region}}, nil
	}
	return manifest.Dir{}, nil
}
