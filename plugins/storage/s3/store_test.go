package s3

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/reel-project/reel/plugins/miniotest"

	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/sdktest"
)

// testBucket is created on the shared server.
const testBucket = "reel-test"

func TestMain(m *testing.M) {
	os.Setenv(sdk.LogLevelEnv, "WARN") // in-process plugins log to the test's stderr
	code := m.Run()
	stopShared()
	removeBuiltPlugin()
	os.Exit(code)
}

// configFor is a valid configuration for bucket/prefix on m, with 5 MiB
// parts and threshold so that multipart uploads stay small.
func configFor(m *miniotest.Server, bucket, prefix string) Config {
	cfg := DefaultConfig()
	cfg.Endpoint, cfg.Bucket, cfg.Prefix = m.Endpoint(), bucket, prefix
	cfg.AccessKey, cfg.SecretKey = miniotest.AccessKey, miniotest.SecretKey
	cfg.PartSize, cfg.MultipartThreshold = minPartSize, minPartSize
	return cfg
}

func rawConfig(t testing.TB, cfg Config) json.RawMessage {
	t.Helper()
	raw, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// newState configures a Store with cfg and returns its state.
func newState(cfg Config) (*state, error) {
	raw, _ := json.Marshal(cfg)
	s := New()
	if err := s.Configure(raw); err != nil {
		return nil, err
	}
	return s.state()
}

// configured is a Store on the shared server under a fresh prefix.
func configured(t *testing.T, mutate func(*Config)) (*Store, *state) {
	t.Helper()
	cfg := configFor(sharedMinIO(t), testBucket, freshPrefix())
	if mutate != nil {
		mutate(&cfg)
	}
	s := New()
	if err := s.Configure(rawConfig(t, cfg)); err != nil {
		t.Fatal(err)
	}
	st, _ := s.state()
	return s, st
}

var prefixes atomic.Int64

func freshPrefix() string { return fmt.Sprintf("test/%d", prefixes.Add(1)) }

// getObject reads key back with a plain signed GET.
func getObject(t *testing.T, st *state, key string) []byte {
	t.Helper()
	resp, err := st.c.do(context.Background(), request{op: "GET", method: http.MethodGet, key: key})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestConformance(t *testing.T) {
	srv := sharedMinIO(t)
	sdktest.Storage(t, func(t *testing.T) (sdk.Plugin, json.RawMessage) {
		return New(), rawConfig(t, configFor(srv, testBucket, freshPrefix()))
	})
}

func TestAWrongSecretIsPermanent(t *testing.T) {
	s, _ := configured(t, func(c *Config) { c.SecretKey = "not-the-secret" })
	obj, data := sdktest.NewObject("rec-1", "call.wav", 1000)
	_, err := s.Put(context.Background(), obj, bytes.NewReader(data))
	if !sdk.IsPermanent(err) || !strings.Contains(err.Error(), "SignatureDoesNotMatch") {
		t.Fatalf("Put with a wrong secret = %v, want a permanent SignatureDoesNotMatch", err)
	}
}

func TestAMissingBucketIsPermanent(t *testing.T) {
	s, _ := configured(t, func(c *Config) { c.Bucket = "reel-no-such-bucket" })
	obj, data := sdktest.NewObject("rec-1", "call.wav", 1000)
	_, err := s.Put(context.Background(), obj, bytes.NewReader(data))
	if !sdk.IsPermanent(err) || !strings.Contains(err.Error(), "NoSuchBucket") {
		t.Fatalf("Put into a missing bucket = %v, want a permanent NoSuchBucket", err)
	}
	if _, err := s.Stat(context.Background(), obj.Key); errors.Is(err, sdk.ErrNotFound) || !sdk.IsPermanent(err) {
		t.Errorf("Stat in a missing bucket = %v, want a permanent error that is not ErrNotFound", err)
	}
}

func TestAStoppedServerIsRetryableAndARestartSucceeds(t *testing.T) {
	srv, err := miniotest.Start(miniotest.Binary(t), t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	if err := createBucket(configFor(srv, testBucket, "")); err != nil {
		t.Fatal(err)
	}
	s := New()
	if err := s.Configure(rawConfig(t, configFor(srv, testBucket, "restart"))); err != nil {
		t.Fatal(err)
	}
	obj, data := sdktest.NewObject("rec-1", "call.wav", 6<<20)
	srv.Stop()
	_, err = s.Put(context.Background(), obj, bytes.NewReader(data))
	if err == nil || !sdk.IsRetryable(err) {
		t.Fatalf("Put to a stopped server = %v, want a retryable error", err)
	}
	if err := srv.Restart(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Put(context.Background(), obj, bytes.NewReader(data)); err != nil {
		t.Fatalf("Put after the restart: %v", err)
	}
}

func TestObjectsAreStoredUnderThePrefix(t *testing.T) {
	srv := sharedMinIO(t)
	cases := []struct{ name, destination, file, wantKey string }{
		{"without a prefix, at the bucket's root", "S3:" + testBucket, "a.wav", "rec-p0/a.wav"},
		{"under a one-segment prefix", "S3:" + testBucket + "/one", "a.wav", "one/rec-p1/a.wav"},
		{"under a nested prefix", "S3:" + testBucket + "/a/b/c", "a.wav", "a/b/c/rec-p2/a.wav"},
		{"with characters that need encoding", "S3:" + testBucket + "/sp ace+plus", "a wav+1.wav", "sp ace+plus/rec-p3/a wav+1.wav"},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := configFor(srv, "", "")
			cfg.Bucket, cfg.Destination = "", tc.destination
			s := New()
			if err := s.Configure(rawConfig(t, cfg)); err != nil {
				t.Fatal(err)
			}
			obj, data := sdktest.NewObject(fmt.Sprintf("rec-p%d", i), tc.file, 100)
			loc, err := s.Put(context.Background(), obj, bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			st, _ := s.state()
			if got := getObject(t, st, tc.wantKey); !bytes.Equal(got, data) || loc.URI != "s3://"+testBucket+"/"+tc.wantKey {
				t.Errorf("stored at %s (%d bytes), want %s", loc.URI, len(got), tc.wantKey)
			}
		})
	}
}
