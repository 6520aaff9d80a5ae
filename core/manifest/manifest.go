package manifest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// Version is the manifest format's version.
const Version = 1

// Manifest is one recording's record of what was stored.
type Manifest struct {
	Version     int    `json:"version"`
	Node        string `json:"node"`     // the MCP node id that wrote it
	Sequence    uint64 `json:"sequence"` // 1 for the node's first manifest
	Previous    string `json:"previous"` // hex SHA-256 of the node's previous manifest, "" for the first
	RecordingID string `json:"recordingId"`
	// Sealed is when the manifest was made (the recording's delivery started).
	Sealed     time.Time   `json:"sealed"`
	Encryption *Encryption `json:"encryption,omitempty"`
	Files      []File      `json:"files"`
	Events     []Event     `json:"eventHistory,omitempty"`
}

// File is one stored file of the recording.
type File struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"` // lowercase hex of the stored bytes
	Start  string `json:"startTime,omitempty"`
	Stop   string `json:"stopTime,omitempty"`
}

// Event is one entry of the recording's history (start, pause, resume, stop).
type Event struct {
	Event string `json:"event"`
	Time  string `json:"time"`
}

// Encryption says how the files are enveloped.
type Encryption struct {
	Format       string   `json:"format"`       // "pkcs7"
	Cipher       string   `json:"cipher"`       // "aes-256-cbc" or "aes-256-gcm"
	Certificates []string `json:"certificates"` // SHA-256 fingerprints of the recipients
}

// Hash is the lowercase hex SHA-256 of manifest bytes, what the next one names.
func Hash(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// Parse reads a manifest and checks the fields the chain depends on.
func Parse(data []byte) (*Manifest, error) {
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if m.Version != Version || m.Sequence == 0 || m.Node == "" || m.RecordingID == "" {
		return nil, fmt.Errorf("%w: version %d, sequence %d, node %q, recording %q", ErrMalformed, m.Version, m.Sequence, m.Node, m.RecordingID)
	}
	if (m.Sequence == 1) != (m.Previous == "") {
		return nil, fmt.Errorf("%w: sequence %d with previous %q", ErrMalformed, m.Sequence, m.Previous)
	}
	return &m, nil
}

// FileName and SignatureName are a recording's manifest files at its destinations.
func FileName(recordingID string) string      { return recordingID + ".manifest.json" }
func SignatureName(recordingID string) string { return FileName(recordingID) + ".p7s" }
