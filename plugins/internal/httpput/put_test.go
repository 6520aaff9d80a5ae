package httpput

import (
	"net/url"
	"reflect"
	"testing"
)

func TestParentsListsTheCollectionsBelowTheRoot(t *testing.T) {
	root, _ := url.Parse("http://h/recordings")
	cases := []struct {
		target string
		want   []string
	}{
		{"http://h/recordings/a.wav", nil},
		{"http://h/recordings/acme/2026/01/a.wav", []string{"http://h/recordings/acme/", "http://h/recordings/acme/2026/", "http://h/recordings/acme/2026/01/"}},
		{"http://h/elsewhere/x/a.wav", nil},
		{"http://other/recordings/x/a.wav", nil},
	}
	for _, tc := range cases {
		u, _ := url.Parse(tc.target)
		var got []string
		for _, p := range parents(root, u) {
			got = append(got, p.String())
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("parents(%s) = %q, want %q", tc.target, got, tc.want)
		}
	}
}
