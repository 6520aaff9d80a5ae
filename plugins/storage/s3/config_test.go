package s3

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
)

const creds = `"access_key": "a", "secret_key": "s"`

func TestParseConfig(t *testing.T) {
	cases := []struct {
		name, raw string
		badKey    string // "" when valid
		check     func(Config) bool
	}{
		{"a destination sets bucket and prefix", `{"destination": "S3:rec/a/b", "endpoint": "http://127.0.0.1:9000", ` + creds + `}`, "",
			func(c Config) bool { return c.Bucket == "rec" && c.Prefix == "a/b" && *c.PathStyle }},
		{"AWS is the default endpoint, virtual-hosted", `{"bucket": "rec", "region": "eu-west-1", ` + creds + `}`, "",
			func(c Config) bool { return c.Endpoint == "https://s3.eu-west-1.amazonaws.com" && !*c.PathStyle }},
		{"defaults: us-east-1, 16 MiB parts and threshold", `{"bucket": "rec", "endpoint": "https://minio.example:9000", ` + creds + `}`, "",
			func(c Config) bool {
				return c.Region == "us-east-1" && c.PartSize == 16*MiB && c.MultipartThreshold == 16*MiB && *c.PathStyle
			}},
		{"credential files are accepted", `{"bucket": "rec", "access_key_file": "/run/a", "secret_key_file": "/run/s"}`, "", nil},
		{"an unknown key is rejected", `{"bucket": "rec", "bukket": "x", ` + creds + `}`, "bukket", nil},
		{"destination and bucket conflict", `{"destination": "S3:rec", "bucket": "rec", ` + creds + `}`, "destination", nil},
		{"a bad destination", `{"destination": "s3://rec", ` + creds + `}`, "destination", nil},
		{"a bucket is required", `{` + creds + `}`, "bucket", nil},
		{"a bad bucket", `{"bucket": "Rec", ` + creds + `}`, "bucket", nil},
		{"a bad prefix", `{"bucket": "rec", "prefix": "/a", ` + creds + `}`, "prefix", nil},
		{"an access key is required", `{"bucket": "rec", "secret_key": "s"}`, "access_key", nil},
		{"a key and its file conflict", `{"bucket": "rec", "secret_key_file": "/f", ` + creds + `}`, "secret_key", nil},
		{"the endpoint must be http(s)", `{"bucket": "rec", "endpoint": "ftp://h", ` + creds + `}`, "endpoint", nil},
		{"the endpoint has no path", `{"bucket": "rec", "endpoint": "http://h/x", ` + creds + `}`, "endpoint", nil},
		{"ca_file needs https", `{"bucket": "rec", "endpoint": "http://h", "ca_file": "/ca.pem", ` + creds + `}`, "ca_file", nil},
		{"a bad region", `{"bucket": "rec", "region": "EU WEST", ` + creds + `}`, "region", nil},
		{"parts of at least 5 MiB", `{"bucket": "rec", "part_size": 1048576, ` + creds + `}`, "part_size", nil},
		{"a threshold of at least 5 MiB", `{"bucket": "rec", "multipart_threshold": 1, ` + creds + `}`, "multipart_threshold", nil},
		{"a dotted bucket needs path style", `{"bucket": "a.b.c", "path_style": false, ` + creds + `}`, "path_style", nil},
		{"a wrong type names its key", `{"bucket": "rec", "part_size": "16MiB", ` + creds + `}`, "part_size", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseConfig(json.RawMessage(tc.raw))
			var ce *sdk.ConfigError
			switch {
			case tc.badKey == "" && err != nil:
				t.Fatalf("ParseConfig = %v", err)
			case tc.badKey == "" && tc.check != nil && !tc.check(got):
				t.Fatalf("ParseConfig = %+v", got)
			case tc.badKey != "" && (!errors.As(err, &ce) || ce.Key != tc.badKey):
				t.Fatalf("ParseConfig = %v, want a ConfigError for %q", err, tc.badKey)
			}
		})
	}
}

func TestCredentialsAreReadFromFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cfg := Config{AccessKeyFile: write("a", "AKID\n"), SecretKeyFile: write("s", "secret\r\n")}
	if a, s, err := cfg.credentials(); err != nil || a != "AKID" || s != "secret" {
		t.Errorf("credentials = %q, %q, %v", a, s, err)
	}
	cfg.SecretKeyFile = write("two", "one\ntwo\n")
	var ce *sdk.ConfigError
	if _, _, err := cfg.credentials(); !errors.As(err, &ce) || ce.Key != "secret_key_file" {
		t.Errorf("a two-line secret file = %v, want a ConfigError for secret_key_file", err)
	}
	cfg.SecretKeyFile = filepath.Join(dir, "missing")
	if _, _, err := cfg.credentials(); !errors.As(err, &ce) || ce.Key != "secret_key_file" {
		t.Errorf("a missing secret file = %v, want a ConfigError for secret_key_file", err)
	}
}

func FuzzParseConfig(f *testing.F) {
	for _, s := range []string{
		`{"destination": "S3:rec/a", ` + creds + `}`,
		`{"bucket": "rec", "endpoint": "http://127.0.0.1:9000", "path_style": true, ` + creds + `}`,
		`{"bucket": "rec", "part_size": 5242880, "multipart_threshold": 5242880, ` + creds + `}`,
		`{"bucket": "rec", "endpoint": "https://h", "ca_file": "/ca", "access_key_file": "/a", "secret_key_file": "/s"}`,
		`[1]`, `null`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		cfg, err := ParseConfig(raw)
		var ce *sdk.ConfigError
		switch {
		case err != nil && !errors.As(err, &ce):
			t.Fatalf("ParseConfig(%q) = %v, not a ConfigError", raw, err)
		case err == nil && cfg.Validate() != nil:
			t.Fatalf("ParseConfig(%q) accepted an invalid %+v", raw, cfg)
		}
	})
}
