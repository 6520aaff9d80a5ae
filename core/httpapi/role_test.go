package httpapi

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestRolesGive401And403(t *testing.T) {
	tok := Tokens{Operator: "operator-token-0123456789", Reader: "reader-token-0123456789"}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /read", func(w http.ResponseWriter, _ *http.Request) {})
	mux.Handle("POST /change", RequireOperator(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {})))
	h := RequireRoles(tok, mux, PathHealth)
	cases := []struct {
		method, path, token string
		want                int
	}{
		{"GET", "/read", "", 401},
		{"GET", "/read", "wrong-token-0123456789", 401},
		{"GET", "/read", tok.Reader, 200},
		{"GET", "/read", tok.Operator, 200},
		{"POST", "/change", tok.Reader, 403},
		{"POST", "/change", tok.Operator, 200},
		{"POST", "/change", "", 401},
	}
	for _, tc := range cases {
		req := httptest.NewRequest(tc.method, tc.path, nil)
		if tc.token != "" {
			req.Header.Set("Authorization", "Bearer "+tc.token)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tc.want {
			t.Errorf("%s %s with %q: %d, want %d", tc.method, tc.path, tc.token, rec.Code, tc.want)
		}
	}
}

func TestWithoutTokensEveryoneIsOperator(t *testing.T) {
	h := RequireRoles(Tokens{}, RequireOperator(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {})))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("POST", "/change", nil))
	if rec.Code != 200 {
		t.Errorf("no tokens: %d, want 200", rec.Code)
	}
}

func TestTheTokenCookieCountsAsTheHeader(t *testing.T) {
	tok := Tokens{Operator: "operator-token-0123456789", Reader: "reader-token-0123456789"}
	h := RequireRoles(tok, RequireOperator(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {})))
	for cookie, want := range map[string]int{tok.Operator: 200, tok.Reader: 403, "nope-nope-nope-nope": 401} {
		req := httptest.NewRequest("POST", "/change", nil)
		req.AddCookie(&http.Cookie{Name: CookieToken, Value: cookie})
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("cookie %q: %d, want %d", cookie, rec.Code, want)
		}
	}
}
