package speechminer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"testing"

	"github.com/reel-project/reel/plugins/davtest"
	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/sdktest"
)

func TestMain(m *testing.M) {
	os.Setenv(sdk.LogLevelEnv, "WARN")
	os.Exit(m.Run())
}

func configFor(srv *davtest.Server, folder string) json.RawMessage {
	cfg := fmt.Sprintf(`{"url": %q, "username": %q, "password": %q, "timeout": "5s"`, srv.URL+folder, davtest.User, davtest.Password)
	if srv.CAFile != "" {
		cfg += fmt.Sprintf(`, "ca_file": %q`, srv.CAFile)
	}
	return json.RawMessage(cfg + "}")
}

func TestConformanceAgainstApacheModDav(t *testing.T) {
	srv := davtest.Start(t)
	n := 0
	sdktest.Analytics(t, func(t *testing.T) (sdk.Plugin, json.RawMessage) {
		n++
		return New(), configFor(srv, fmt.Sprintf("/sm-%d", n))
	})
}

func deliverer(t *testing.T, cfg json.RawMessage) sdk.Analytics {
	t.Helper()
	c := sdktest.Start(t, New())
	if err := c.Configure(context.Background(), cfg); err != nil {
		t.Fatalf("Configure: %v", err)
	}
	a, err := c.Analytics()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func sha256Of(t *testing.T, srv *davtest.Server, uri string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, uri, nil)
	req.SetBasicAuth(davtest.User, davtest.Password)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return resp.Status
	}
	h := sha256.New()
	_, _ = io.Copy(h, resp.Body)
	return fmt.Sprintf("%x", h.Sum(nil))
}

func TestTheRecordingsDestOverridesTheURL(t *testing.T) {
	srv := davtest.Start(t)
	a := deliverer(t, configFor(srv, "/default"))
	obj, data := sdktest.NewObject("rec-dest", "call.wav", 90<<10)
	obj.Metadata = map[string]string{MetaDest: srv.URL + "/per-call-acme"}
	loc, err := a.Deliver(context.Background(), obj, bytes.NewReader(data))
	if err != nil {
		t.Fatalf("Deliver: %v", err)
	}
	if want := srv.URL + "/per-call-acme/call.wav"; loc.URI != want {
		t.Errorf("location %s, want %s", loc.URI, want)
	}
	if got := sha256Of(t, srv, loc.URI); got != obj.SHA256 {
		t.Errorf("delivered sha256 %s, want %s", got, obj.SHA256)
	}
}

func TestRefusals(t *testing.T) {
	srv := davtest.Start(t)
	a := deliverer(t, configFor(srv, ""))
	cases := []struct {
		name   string
		change func(*sdk.Object)
		want   error
	}{
		{"an MP3 is not for SpeechMiner", func(o *sdk.Object) { o.ContentType = "audio/mpeg" }, sdk.ErrInvalid},
		{"an S3 dest goes through storage/s3", func(o *sdk.Object) { o.Metadata = map[string]string{MetaDest: "S3:bucket/sm"} }, errS3},
		{"a dest that is no URL", func(o *sdk.Object) { o.Metadata = map[string]string{MetaDest: "ftp://x/y"} }, sdk.ErrInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obj, data := sdktest.NewObject("rec-refused", "call.wav", 1<<10)
			tc.change(&obj)
			_, err := a.Deliver(context.Background(), obj, bytes.NewReader(data))
			if !sdk.IsPermanent(err) || (tc.want != errS3 && !errors.Is(err, tc.want)) {
				t.Errorf("Deliver = %v, want permanent %v", err, tc.want)
			}
		})
	}
}

func TestADamagedStreamLeavesNoFile(t *testing.T) {
	srv := davtest.Start(t)
	a := deliverer(t, configFor(srv, ""))
	obj, data := sdktest.NewObject("rec-damaged", "call.wav", 200<<10)
	data[len(data)-1] ^= 1
	_, err := a.Deliver(context.Background(), obj, bytes.NewReader(data))
	if !errors.Is(err, sdk.ErrMismatch) {
		t.Fatalf("Deliver = %v, want ErrMismatch", err)
	}
	if got := sha256Of(t, srv, srv.URL+"/call.wav"); got != "404 Not Found" {
		t.Errorf("GET after a damaged delivery = %s, want 404", got)
	}
}

func TestHTTPSAndAStoppedServer(t *testing.T) {
	srv := davtest.StartTLS(t)
	a := deliverer(t, configFor(srv, "/tls"))
	obj, data := sdktest.NewObject("rec-tls", "call.wav", 50<<10)
	srv.Stop()
	if _, err := a.Deliver(context.Background(), obj, bytes.NewReader(data)); !sdk.IsRetryable(err) {
		t.Fatalf("Deliver to a stopped server = %v, want retryable", err)
	}
	srv.Start()
	loc, err := a.Deliver(context.Background(), obj, bytes.NewReader(data))
	if err != nil {
		t.Fatalf("Deliver after the restart: %v", err)
	}
	if got := sha256Of(t, srv, loc.URI); got != obj.SHA256 {
		t.Errorf("delivered sha256 %s, want %s", got, obj.SHA256)
	}
}
