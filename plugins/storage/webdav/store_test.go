package webdav

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/reel-project/reel/plugins/davtest"
	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/sdktest"
)

func TestMain(m *testing.M) {
	os.Setenv(sdk.LogLevelEnv, "WARN")
	os.Exit(m.Run())
}

// configFor is a valid block for srv with extra keys merged in.
func configFor(srv *davtest.Server, extra string) json.RawMessage {
	cfg := fmt.Sprintf(`{"url": %q, "username": %q, "password": %q, "timeout": "5s"`, srv.URL, davtest.User, davtest.Password)
	if srv.CAFile != "" {
		cfg += fmt.Sprintf(`, "ca_file": %q`, srv.CAFile)
	}
	if extra != "" {
		cfg += ", " + extra
	}
	return json.RawMessage(cfg + "}")
}

func TestConformanceAgainstApacheModDav(t *testing.T) {
	srv := davtest.Start(t)
	n := 0
	sdktest.Storage(t, func(t *testing.T) (sdk.Plugin, json.RawMessage) {
		n++ // a fresh folder per plugin, as the suite asks
		return New(), configFor(srv, fmt.Sprintf(`"path": "run-%d/{recording_id}"`, n))
	})
}

// configured starts the plugin in-process over gRPC and configures it.
func configured(t *testing.T, cfg json.RawMessage) sdk.Storage {
	t.Helper()
	c := sdktest.Start(t, New())
	if err := c.Configure(context.Background(), cfg); err != nil {
		t.Fatalf("Configure: %v", err)
	}
	st, err := c.Storage()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// getSHA256 GETs uri back from srv and hashes it.
func getSHA256(t *testing.T, srv *davtest.Server, uri string) string {
	t.Helper()
	req, _ := newGet(uri)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	h := sha256.New()
	if _, err := io.Copy(h, resp.Body); err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET %s: %s %v", uri, resp.Status, err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func TestAPathTemplateCreatesNestedFolders(t *testing.T) {
	srv := davtest.Start(t)
	st := configured(t, configFor(srv, `"path": "{tenant}/{date:2006/01/02}/{recording_id}"`))
	obj, data := sdktest.NewObject("rec-nested", "call.mp3", 70<<10)
	obj.Metadata = map[string]string{MetaTenant: "acme", MetaStartTime: "2026-03-04T05:06:07Z"}
	loc, err := st.Put(context.Background(), obj, bytes.NewReader(data))
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	if want := srv.URL + "/acme/2026/03/04/rec-nested/call.mp3"; loc.URI != want {
		t.Errorf("location %s, want %s", loc.URI, want)
	}
	if got := getSHA256(t, srv, loc.URI); got != obj.SHA256 {
		t.Errorf("stored sha256 %s, want %s", got, obj.SHA256)
	}
	if _, err := st.Put(context.Background(), obj, bytes.NewReader(data)); err != nil {
		t.Errorf("second Put of the same object: %v", err)
	}
}

func TestADifferentObjectUnderTheSameNameIsErrExists(t *testing.T) {
	srv := davtest.Start(t)
	st := configured(t, configFor(srv, ""))
	obj, data := sdktest.NewObject("rec-x", "call.mp3", 4<<10)
	if _, err := st.Put(context.Background(), obj, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	other, otherData := sdktest.NewObject("rec-x", "call.mp3", 5<<10)
	_, err := st.Put(context.Background(), other, bytes.NewReader(otherData))
	if !errors.Is(err, sdk.ErrExists) || !sdk.IsPermanent(err) {
		t.Errorf("Put of another object = %v, want a permanent ErrExists", err)
	}
}

func TestAWrongPasswordIsPermanent(t *testing.T) {
	srv := davtest.Start(t)
	cfg := json.RawMessage(fmt.Sprintf(`{"url": %q, "username": "rec", "password": "wrong"}`, srv.URL))
	obj, data := sdktest.NewObject("rec-auth", "call.mp3", 1<<10)
	_, err := configured(t, cfg).Put(context.Background(), obj, bytes.NewReader(data))
	if !sdk.IsPermanent(err) || !bytes.Contains([]byte(err.Error()), []byte("401")) {
		t.Errorf("Put with a wrong password = %v, want permanent with the 401", err)
	}
}

func TestAStoppedServerIsRetryableAndTheRetryStoresTheSameBytes(t *testing.T) {
	srv := davtest.Start(t)
	st := configured(t, configFor(srv, ""))
	obj, data := sdktest.NewObject("rec-down", "call.wav", 2<<20+5)
	srv.Stop()
	_, err := st.Put(context.Background(), obj, bytes.NewReader(data))
	if err == nil || !sdk.IsRetryable(err) {
		t.Fatalf("Put to a stopped server = %v, want retryable", err)
	}
	srv.Start()
	loc, err := st.Put(context.Background(), obj, bytes.NewReader(data))
	if err != nil {
		t.Fatalf("Put after the restart: %v", err)
	}
	if got := getSHA256(t, srv, loc.URI); got != obj.SHA256 {
		t.Errorf("stored sha256 %s, want %s", got, obj.SHA256)
	}
}

func TestHTTPSWithTheOperatorsCA(t *testing.T) {
	srv := davtest.StartTLS(t)
	st := configured(t, configFor(srv, ""))
	obj, data := sdktest.NewObject("rec-tls", "call.mp3", 300<<10)
	loc, err := st.Put(context.Background(), obj, bytes.NewReader(data))
	if err != nil {
		t.Fatalf("Put over https: %v", err)
	}
	if got := getSHA256(t, srv, loc.URI); got != obj.SHA256 {
		t.Errorf("stored sha256 %s, want %s", got, obj.SHA256)
	}
	noCA := json.RawMessage(fmt.Sprintf(`{"url": %q, "username": "rec", "password": "recpass"}`, srv.URL))
	_, err = configured(t, noCA).Put(context.Background(), obj, bytes.NewReader(data))
	if !sdk.IsPermanent(err) {
		t.Errorf("Put without ca_file = %v, want a permanent certificate error", err)
	}
}

func TestAMissingBaseFolderIsPermanent(t *testing.T) {
	srv := davtest.Start(t)
	cfg := json.RawMessage(fmt.Sprintf(`{"url": %q, "username": "rec", "password": "recpass"}`, srv.URL+"/no/such/base"))
	obj, data := sdktest.NewObject("rec-base", "call.mp3", 1<<10)
	_, err := configured(t, cfg).Put(context.Background(), obj, bytes.NewReader(data))
	if !sdk.IsPermanent(err) || !strings.Contains(err.Error(), "409") {
		t.Errorf("Put under a missing base = %v, want permanent with the server's 409", err)
	}
}

func TestAnEmptyFileIsStoredAndStatted(t *testing.T) {
	srv := davtest.Start(t)
	st := configured(t, configFor(srv, ""))
	obj, data := sdktest.NewObject("rec-empty", "empty.wav", 0)
	if _, err := st.Put(context.Background(), obj, bytes.NewReader(data)); err != nil {
		t.Fatalf("Put: %v", err)
	}
	got, err := st.Stat(context.Background(), obj.Key)
	if err != nil || got.Size != 0 || got.SHA256 != obj.SHA256 {
		t.Errorf("Stat = %+v, %v", got, err)
	}
}
