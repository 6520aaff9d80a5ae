package rps

import (
	"context"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/sdktest"
)

func TestMain(m *testing.M) {
	os.Setenv(sdk.LogLevelEnv, "WARN")
	os.Exit(m.Run())
}

// processor is a Recording Processor stand-in: it keeps one document per
// Idempotency-Key and can be told to fail the next requests.
type processor struct {
	mu       sync.Mutex
	docs     map[string]json.RawMessage
	requests []*http.Request
	failWith []int // statuses for the next requests, in order
}

func (p *processor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.requests = append(p.requests, r)
	if len(p.failWith) > 0 {
		status := p.failWith[0]
		p.failWith = p.failWith[1:]
		http.Error(w, fmt.Sprintf("mediaFiles[0].type: unsupported (status %d)", status), status)
		return
	}
	if user, pass, ok := r.BasicAuth(); !ok || user != "rp" || pass != "rppass" {
		http.Error(w, "who are you", http.StatusUnauthorized)
		return
	}
	p.docs[r.Header.Get(IdempotencyHeader)] = body
	w.WriteHeader(http.StatusCreated)
}

func (p *processor) last() *http.Request {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.requests[len(p.requests)-1]
}

const recordingsPath = "/api/contact-centers/acme.example/recordings"

func startProcessor(t *testing.T) (*processor, *httptest.Server) {
	p := &processor{docs: map[string]json.RawMessage{}}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	return p, srv
}

func configFor(url string) json.RawMessage {
	return json.RawMessage(fmt.Sprintf(`{"url": %q, "username": "rp", "password": "rppass", "timeout": "5s", "headers": {"X-Tenant": "acme"}}`, url+recordingsPath))
}

func publisher(t *testing.T, cfg json.RawMessage) sdk.Metadata {
	t.Helper()
	c := sdktest.Start(t, New())
	if err := c.Configure(context.Background(), cfg); err != nil {
		t.Fatalf("Configure: %v", err)
	}
	md, err := c.Metadata()
	if err != nil {
		t.Fatal(err)
	}
	return md
}

var sample = sdk.Document{RecordingID: "sdktest-0001", JSON: sdktest.SampleDocument, IdempotencyKey: "sdktest-0001"}

func TestConformance(t *testing.T) {
	_, srv := startProcessor(t)
	sdktest.Metadata(t, func(t *testing.T) (sdk.Plugin, json.RawMessage) { return New(), configFor(srv.URL) })
}

func TestPublishPostsTheDocumentWithAuthAndHeaders(t *testing.T) {
	p, srv := startProcessor(t)
	if err := publisher(t, configFor(srv.URL)).Publish(context.Background(), sample); err != nil {
		t.Fatalf("Publish: %v", err)
	}
	r := p.last()
	checks := map[string][2]string{
		"method":          {r.Method, http.MethodPost},
		"path":            {r.URL.Path, recordingsPath},
		"Content-Type":    {r.Header.Get("Content-Type"), "application/json"},
		IdempotencyHeader: {r.Header.Get(IdempotencyHeader), "sdktest-0001"},
		"X-Tenant":        {r.Header.Get("X-Tenant"), "acme"},
	}
	for what, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", what, c[0], c[1])
		}
	}
	var got, want any
	_ = json.Unmarshal(p.docs["sdktest-0001"], &got)
	_ = json.Unmarshal(sdktest.SampleDocument, &want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the processor got\n%v\nwant every field of\n%v", got, want)
	}
}

func TestA500IsRetryableAndTheRetryPublishes(t *testing.T) {
	p, srv := startProcessor(t)
	p.failWith = []int{500, 503}
	md := publisher(t, configFor(srv.URL))
	var attempts int
	for attempts = 1; attempts <= 5; attempts++ { // the spool's loop, without the backoff
		err := md.Publish(context.Background(), sample)
		if err == nil {
			break
		}
		if !sdk.IsRetryable(err) {
			t.Fatalf("attempt %d: %v is permanent", attempts, err)
		}
	}
	if attempts != 3 || len(p.docs) != 1 {
		t.Errorf("published after %d attempts with %d documents, want 3 and 1", attempts, len(p.docs))
	}
}

func TestA400IsPermanentWithTheReason(t *testing.T) {
	p, srv := startProcessor(t)
	p.failWith = []int{400}
	err := publisher(t, configFor(srv.URL)).Publish(context.Background(), sample)
	if !sdk.IsPermanent(err) || !strings.Contains(err.Error(), "400") || !strings.Contains(err.Error(), "mediaFiles[0].type: unsupported") {
		t.Errorf("Publish = %v, want permanent with the status and the body", err)
	}
}

func TestWrongCredentialsArePermanent(t *testing.T) {
	_, srv := startProcessor(t)
	cfg := json.RawMessage(fmt.Sprintf(`{"url": %q, "username": "rp", "password": "nope"}`, srv.URL+recordingsPath))
	if err := publisher(t, cfg).Publish(context.Background(), sample); !sdk.IsPermanent(err) {
		t.Errorf("Publish = %v, want permanent", err)
	}
}

func TestAnUnreachableProcessorIsRetryable(t *testing.T) {
	_, srv := startProcessor(t)
	srv.Close()
	err := publisher(t, configFor(srv.URL)).Publish(context.Background(), sample)
	if err == nil || !sdk.IsRetryable(err) {
		t.Errorf("Publish = %v, want retryable", err)
	}
}

func TestHTTPSWithTheOperatorsCA(t *testing.T) {
	p := &processor{docs: map[string]json.RawMessage{}}
	srv := httptest.NewTLSServer(p)
	defer srv.Close()
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	if err := os.WriteFile(caFile, pemBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := json.RawMessage(fmt.Sprintf(`{"url": %q, "username": "rp", "password": "rppass", "ca_file": %q}`, srv.URL+recordingsPath, caFile))
	if err := publisher(t, cfg).Publish(context.Background(), sample); err != nil {
		t.Fatalf("Publish over https: %v", err)
	}
	if _, ok := p.docs["sdktest-0001"]; !ok {
		t.Error("the processor got nothing")
	}
}

func TestAnUnconfiguredPluginRefusesPermanently(t *testing.T) {
	err := New().Publish(context.Background(), sample)
	if !errors.Is(err, errNotConfigured) || !sdk.IsPermanent(err) {
		t.Errorf("Publish = %v", err)
	}
}
