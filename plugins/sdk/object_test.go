package sdk_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
)

var goodSHA = strings.Repeat("ab", 32)

func TestObjectValidate(t *testing.T) {
	good := sdk.Object{Key: sdk.Key{RecordingID: "rec-1", Name: "a.mp3"}, Size: 10, SHA256: goodSHA}
	cases := []struct {
		name   string
		mutate func(*sdk.Object)
		ok     bool
	}{
		{"a plain object is valid", func(*sdk.Object) {}, true},
		{"an empty object is valid", func(o *sdk.Object) { o.Size = 0 }, true},
		{"an empty name is invalid", func(o *sdk.Object) { o.Name = "" }, false},
		{"a name with a slash is invalid", func(o *sdk.Object) { o.Name = "a/b.mp3" }, false},
		{"a name with a backslash is invalid", func(o *sdk.Object) { o.Name = `a\b` }, false},
		{"a dot-dot name is invalid", func(o *sdk.Object) { o.Name = ".." }, false},
		{"a NUL in the name is invalid", func(o *sdk.Object) { o.Name = "a\x00" }, false},
		{"a dot-dot recording id is invalid", func(o *sdk.Object) { o.RecordingID = ".." }, false},
		{"a negative size is invalid", func(o *sdk.Object) { o.Size = -1 }, false},
		{"a short sha256 is invalid", func(o *sdk.Object) { o.SHA256 = "abcd" }, false},
		{"an upper-case sha256 is invalid", func(o *sdk.Object) { o.SHA256 = strings.ToUpper(goodSHA) }, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obj := good
			tc.mutate(&obj)
			err := obj.Validate()
			if (err == nil) != tc.ok {
				t.Fatalf("Validate(%+v) = %v, want ok=%v", obj, err, tc.ok)
			}
			if err != nil && !errors.Is(err, sdk.ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}
		})
	}
}

func TestDocumentValidate(t *testing.T) {
	cases := []struct {
		name string
		doc  sdk.Document
		ok   bool
	}{
		{"an object with a key is valid", sdk.Document{"r", json.RawMessage(`{"id":"r"}`), "k"}, true},
		{"an array is invalid", sdk.Document{"r", json.RawMessage(`[]`), "k"}, false},
		{"null is invalid", sdk.Document{"r", json.RawMessage(`null`), "k"}, false},
		{"broken JSON is invalid", sdk.Document{"r", json.RawMessage(`{`), "k"}, false},
		{"an empty idempotency key is invalid", sdk.Document{"r", json.RawMessage(`{}`), ""}, false},
		{"an empty recording id is invalid", sdk.Document{"", json.RawMessage(`{}`), "k"}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.doc.Validate(); (err == nil) != tc.ok {
				t.Fatalf("Validate = %v, want ok=%v", err, tc.ok)
			}
		})
	}
}
