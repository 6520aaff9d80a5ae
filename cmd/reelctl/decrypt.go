package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/reel-project/reel/core/cms"
)

func init() {
	register("decrypt", "decrypt a recording's CMS envelope: --key key.pem [--out file] file", decrypt)
}

// decrypt streams one envelope's plaintext to --out (written beside it and
// renamed only when complete and authentic) or to stdout.
func decrypt(args []string, stdout io.Writer) error {
	fs := pflag.NewFlagSet("decrypt", pflag.ContinueOnError)
	keyPath := fs.String("key", "", "the tenant's private key (PEM: PKCS#8, PKCS#1 or SEC 1)")
	out := fs.String("out", "", "write the plaintext here (default: stdout)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *keyPath == "" || fs.NArg() != 1 {
		return fmt.Errorf("%w: reelctl decrypt --key key.pem [--out file] file", errUsage)
	}
	pemData, err := os.ReadFile(*keyPath)
	if err != nil {
		return err
	}
	key, err := cms.ParsePrivateKey(pemData)
	if err != nil {
		return fmt.Errorf("%s: %w", *keyPath, err)
	}
	in, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer in.Close()
	if *out == "" {
		if err := cms.Decrypt(stdout, in, key); err != nil {
			return fmt.Errorf("%s: %w (discard what was written)", fs.Arg(0), err)
		}
		return nil
	}
	return decryptToFile(in, key, *out)
}

func decryptToFile(in *os.File, key any, out string) error {
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename: no-op
	if err := cms.Decrypt(tmp, in, key); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", in.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), out)
}
