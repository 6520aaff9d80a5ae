package httpapi

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestRequireTokenGuardsAllButTheOpenPaths(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	h := RequireToken("s3cret-token-0123456789", ok, PathHealth, PathReady)
	cases := []struct {
		path, auth string
		want       int
	}{
		{PathHealth, "", 200},
		{PathReady, "", 200},
		{PathMetrics, "", 401},
		{"/calls", "Bearer wrong-token-0123456789", 401},
		{"/calls", "s3cret-token-0123456789", 401}, // no scheme
		{"/calls", "Bearer s3cret-token-0123456789", 200},
		{PathMetrics, "Bearer s3cret-token-0123456789", 200},
	}
	for _, tc := range cases {
		req := httptest.NewRequest(http.MethodGet, tc.path, nil)
		if tc.auth != "" {
			req.Header.Set("Authorization", tc.auth)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tc.want {
			t.Errorf("%s with %q: %d, want %d", tc.path, tc.auth, rec.Code, tc.want)
		}
		if rec.Code == 401 && rec.Header().Get("WWW-Authenticate") == "" {
			t.Errorf("%s: 401 without WWW-Authenticate", tc.path)
		}
	}
	if RequireToken("", ok) == nil {
		t.Error("no token: want the handler back")
	}
}
