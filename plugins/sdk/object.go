package sdk

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
)

// Key identifies a stored object: the recording and the file name within it.
type Key struct {
	RecordingID string
	Name        string
}

// Object describes a file handed to Storage.Put or Analytics.Deliver.
type Object struct {
	Key
	ContentType string            // e.g. "audio/mpeg"
	Size        int64             // exact byte count of the content
	SHA256      string            // lowercase hex SHA-256 of the content
	Metadata    map[string]string // free-form labels (tenant, call id, …); may be nil
}

// Location is where a plugin put an object.
type Location struct {
	URI string // e.g. "https://dav.example.com/rec/…", "s3://bucket/…", "file:///…"
}

// Stored describes an object Storage.Stat found.
type Stored struct {
	Size     int64
	SHA256   string // lowercase hex
	Location Location
}

// Document is a recording's metadata document (docs/wire.md §5).
type Document struct {
	RecordingID    string
	JSON           json.RawMessage // a JSON object
	IdempotencyKey string          // stable across retries of the same document
}

// Validate checks that both parts are usable as path segments: not empty,
// not "." or "..", and without "/", "\" or NUL.
func (k Key) Validate() error {
	if err := checkSegment("recording id", k.RecordingID); err != nil {
		return err
	}
	return checkSegment("name", k.Name)
}

// Validate checks the key, a non-negative size and a well-formed SHA-256.
func (o Object) Validate() error {
	if err := o.Key.Validate(); err != nil {
		return err
	}
	if o.Size < 0 {
		return fmt.Errorf("%w: size %d", ErrInvalid, o.Size)
	}
	return checkSHA256(o.SHA256)
}

// Validate checks the recording id, the key and that JSON is an object.
func (d Document) Validate() error {
	if err := checkSegment("recording id", d.RecordingID); err != nil {
		return err
	}
	if d.IdempotencyKey == "" {
		return fmt.Errorf("%w: empty idempotency key", ErrInvalid)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(d.JSON, &obj); err != nil || obj == nil {
		return fmt.Errorf("%w: document is not a JSON object", ErrInvalid)
	}
	return nil
}

func checkSegment(what, s string) error {
	if s == "" || s == "." || s == ".." || strings.ContainsAny(s, "/\\\x00") {
		return fmt.Errorf("%w: %s %q", ErrInvalid, what, s)
	}
	return nil
}

func checkSHA256(s string) error {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != 32 || strings.ToLower(s) != s {
		return fmt.Errorf("%w: sha256 %q is not 64 lowercase hex digits", ErrInvalid, s)
	}
	return nil
}
