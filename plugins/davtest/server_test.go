package davtest

import (
	"net/http"
	"testing"
)

func TestApacheAsksForCredentialsOverHTTPAndHTTPS(t *testing.T) {
	for _, s := range []*Server{Start(t), StartTLS(t)} {
		resp, err := s.Client().Get(s.URL + "/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("GET %s = %s, want 401", s.URL, resp.Status)
		}
	}
}
