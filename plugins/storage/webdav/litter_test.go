package webdav

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"os"
	"path"
	"strings"
	"testing"

	"github.com/reel-project/reel/plugins/davtest"
	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/sdktest"
)

// TestTheNextAttemptRemovesAKilledAttemptsTempFile: an upload killed after
// its PUT (the process gone, so no DELETE) left .reel-tmp-* on the server
// forever; the next attempt at the same object now removes it, whether it
// stores the object or finds it stored.
func TestTheNextAttemptRemovesAKilledAttemptsTempFile(t *testing.T) {
	srv := davtest.Start(t)
	st := configured(t, configFor(srv, `"path": "{recording_id}"`))
	for _, stored := range []bool{false, true} {
		obj, data := sdktest.NewObject("rec-litter", "call.mp3", 256<<10)
		if stored {
			obj, data = sdktest.NewObject("rec-litter", "call.wav", 64<<10)
			if _, err := st.Put(context.Background(), obj, bytes.NewReader(data)); err != nil {
				t.Fatal(err)
			}
		}
		killedAttempt(t, srv, obj, data[:len(data)/2])
		if _, err := st.Put(context.Background(), obj, bytes.NewReader(data)); err != nil {
			t.Fatalf("Put: %v", err)
		}
		if left := tempFiles(t, srv, "rec-litter"); len(left) != 0 {
			t.Errorf("object stored before: %v; temp files left: %v", stored, left)
		}
	}
}

// killedAttempt leaves on srv what an attempt at obj killed after its PUT
// leaves: part of the bytes under the attempt's temp name.
func killedAttempt(t *testing.T, srv *davtest.Server, obj sdk.Object, part []byte) {
	t.Helper()
	final, err := url.Parse(srv.URL + "/" + obj.Key.RecordingID + "/" + obj.Key.Name)
	if err != nil {
		t.Fatal(err)
	}
	folder := *final
	folder.Path = path.Dir(final.Path) + "/"
	do(t, srv, "MKCOL", folder.String(), nil) // 405 when it exists
	if code := do(t, srv, http.MethodPut, tempURL(final, obj).String(), part); code/100 != 2 {
		t.Fatalf("PUT of the leftover: %d", code)
	}
	if len(tempFiles(t, srv, obj.Key.RecordingID)) == 0 {
		t.Fatal("the leftover is not on the server")
	}
}

func do(t *testing.T, srv *davtest.Server, method, uri string, body []byte) int {
	t.Helper()
	req, _ := http.NewRequest(method, uri, bytes.NewReader(body))
	req.SetBasicAuth(davtest.User, davtest.Password)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func tempFiles(t *testing.T, srv *davtest.Server, folder string) []string {
	t.Helper()
	entries, err := os.ReadDir(srv.Path(folder))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.Contains(e.Name(), ".reel-tmp-") {
			out = append(out, e.Name())
		}
	}
	return out
}
