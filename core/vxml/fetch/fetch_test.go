package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

// origin serves /doc with the given headers and counts requests;
// a matching If-None-Match gets 304.
func origin(t *testing.T, headers map[string]string) (*httptest.Server, *atomic.Int32) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path != "/doc" {
			http.NotFound(w, r)
			return
		}
		for k, v := range headers {
			w.Header().Set(k, v)
		}
		if etag := headers["ETag"]; etag != "" && r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprint(w, "<vxml/>")
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func get(t *testing.T, f *Fetcher, raw string, maxAge, maxStale time.Duration) *Response {
	t.Helper()
	u, _ := url.Parse(raw)
	r, err := f.Fetch(context.Background(), Request{URL: u, MaxAge: maxAge, MaxStale: maxStale})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestCacheHonoursMaxAge(t *testing.T) {
	srv, hits := origin(t, map[string]string{"Cache-Control": "max-age=60"})
	clk := &fakeClock{t: time.Unix(1e9, 0)}
	f := New(Options{Now: clk.now})
	get(t, f, srv.URL+"/doc", -1, -1)
	get(t, f, srv.URL+"/doc#frag", -1, -1)
	if hits.Load() != 1 {
		t.Fatalf("%d requests for a fresh document, want 1", hits.Load())
	}
	get(t, f, srv.URL+"/doc", 10*time.Second, -1)
	if hits.Load() != 1 {
		t.Fatal("maxage 10s refetched a document 0 s old")
	}
	clk.t = clk.t.Add(30 * time.Second)
	get(t, f, srv.URL+"/doc", 10*time.Second, -1)
	if hits.Load() != 2 {
		t.Fatal("maxage 10s did not refetch a document 30 s old")
	}
	clk.t = clk.t.Add(90 * time.Second)
	get(t, f, srv.URL+"/doc", -1, time.Minute)
	if hits.Load() != 2 {
		t.Fatal("maxstale 60s refetched a document 30 s stale")
	}
	get(t, f, srv.URL+"/doc", -1, -1)
	if hits.Load() != 3 {
		t.Fatal("a stale document was not refetched")
	}
}

func TestNoStoreIsNeverCached(t *testing.T) {
	srv, hits := origin(t, map[string]string{"Cache-Control": "no-store"})
	f := New(Options{})
	a := get(t, f, srv.URL+"/doc", -1, -1)
	get(t, f, srv.URL+"/doc", -1, -1)
	if hits.Load() != 2 || a.entry != nil {
		t.Fatal("no-store was cached")
	}
}

func TestRevalidationKeepsTheMemo(t *testing.T) {
	srv, hits := origin(t, map[string]string{"ETag": `"v1"`, "Cache-Control": "no-cache"})
	f := New(Options{})
	builds := 0
	build := func() (any, error) { builds++; return builds, nil }
	for i := 0; i < 3; i++ {
		r := get(t, f, srv.URL+"/doc", -1, -1)
		if _, err := r.Memo("vxml", build); err != nil {
			t.Fatal(err)
		}
	}
	if hits.Load() != 3 || builds != 1 {
		t.Fatalf("%d requests, %d builds; want 3 revalidations and 1 build", hits.Load(), builds)
	}
}

func TestExpiresHeader(t *testing.T) {
	clk := &fakeClock{t: time.Unix(1e9, 0)}
	srv, hits := origin(t, map[string]string{"Expires": clk.t.Add(time.Hour).UTC().Format(http.TimeFormat)})
	f := New(Options{Now: clk.now})
	get(t, f, srv.URL+"/doc", -1, -1)
	get(t, f, srv.URL+"/doc", -1, -1)
	if hits.Load() != 1 {
		t.Fatal("Expires in an hour was not honoured")
	}
}

func TestFetchErrors(t *testing.T) {
	srv, _ := origin(t, nil)
	f := New(Options{MaxBytes: 3})
	u, _ := url.Parse(srv.URL + "/missing")
	_, err := f.Fetch(context.Background(), Request{URL: u})
	var se *StatusError
	if !errors.As(err, &se) || se.Code != 404 || !errors.Is(err, ErrFetch) {
		t.Fatalf("404: %v", err)
	}
	u, _ = url.Parse(srv.URL + "/doc")
	if _, err := f.Fetch(context.Background(), Request{URL: u}); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("over MaxBytes: %v", err)
	}
	u, _ = url.Parse("ftp://example.com/x")
	if _, err := f.Fetch(context.Background(), Request{URL: u}); !errors.Is(err, ErrScheme) {
		t.Fatalf("ftp: %v", err)
	}
}

func TestFileRoots(t *testing.T) {
	root := t.TempDir()
	p := filepath.Join(root, "app.vxml")
	if err := os.WriteFile(p, []byte("<vxml/>"), 0o600); err != nil {
		t.Fatal(err)
	}
	f := New(Options{FileRoots: []string{root}})
	r := get(t, f, "file://"+p, -1, -1)
	if string(r.Body) != "<vxml/>" {
		t.Fatalf("body %q", r.Body)
	}
	u, _ := url.Parse("file://" + filepath.Join(root, "..", "etc", "passwd"))
	if _, err := f.Fetch(context.Background(), Request{URL: u}); !errors.Is(err, ErrOutsideRoots) {
		t.Fatalf("outside the root: %v", err)
	}
}

func TestSubmitEncodings(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseMultipartForm(1 << 20)
		line := r.Method + " " + r.FormValue("card")
		if r.MultipartForm != nil && len(r.MultipartForm.File["msg"]) == 1 {
			line += " file " + fmt.Sprint(r.MultipartForm.File["msg"][0].Size)
		}
		got = append(got, line)
		fmt.Fprint(w, "<vxml/>")
	}))
	defer srv.Close()
	f := New(Options{})
	u, _ := url.Parse(srv.URL + "/s")
	vals := url.Values{"card": {"x"}}
	for _, req := range []Request{
		{URL: u, Values: vals},
		{URL: u, Method: "post", Values: vals},
		{URL: u, Method: "POST", Values: vals, Files: map[string][]byte{"msg": make([]byte, 10)}},
	} {
		if _, err := f.Fetch(context.Background(), req); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Join(got, "|") != "GET x|POST x|POST x file 10" {
		t.Fatalf("got %q", got)
	}
}
