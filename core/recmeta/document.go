package recmeta

import (
	"encoding/json"
	"fmt"
)

// Document is the metadata document of docs/wire.md §5 (the RWS recording
// resource): numbers are strings and durations are in milliseconds, as in the
// RWS sample, except inside the completeness report. Times are in
// TimeLayout. The recorder writes one per file (the sidecar); the spool
// merges a recording's into one and adds where each file was stored.
type Document struct {
	ID                string      `json:"id"`
	CallerPhoneNumber string      `json:"callerPhoneNumber,omitempty"`
	DialedPhoneNumber string      `json:"dialedPhoneNumber,omitempty"`
	StartTime         string      `json:"startTime"`
	StopTime          string      `json:"stopTime"`
	MediaFiles        []MediaFile `json:"mediaFiles"`
	EventHistory      []Event     `json:"eventHistory"`
}

// MediaFile describes one file of a recording.
type MediaFile struct {
	CallUUID        string            `json:"callUUID,omitempty"`
	MediaID         string            `json:"mediaId"`
	Type            string            `json:"type"`
	StartTime       string            `json:"startTime"`
	StopTime        string            `json:"stopTime"`
	Duration        string            `json:"duration"`
	Size            string            `json:"size"`
	Channels        int               `json:"channels"`
	Tenant          string            `json:"tenant,omitempty"`
	IVRProfile      string            `json:"ivrprofile,omitempty"`
	ConfID          string            `json:"confId,omitempty"` // the Request-URI's msml= (or record=) id
	Legs            []Leg             `json:"legs,omitempty"`   // the SIP legs that were part of the recording
	Parameters      map[string]string `json:"parameters"`
	SIPREC          *SIPREC           `json:"siprec,omitempty"` // a SIPREC session's participants
	MediaDescriptor MediaDescriptor   `json:"mediaDescriptor"`
	Completeness    Completeness      `json:"completeness"`
}

// MediaDescriptor says where the file is stored, and how it is encrypted
// when its profile encrypts it.
type MediaDescriptor struct {
	Storage []StorageRef `json:"storage"`
	// SHA256 is the lowercase hex SHA-256 of the stored bytes (the
	// envelope when encrypted), set when the recording is sealed.
	SHA256     string      `json:"sha256,omitempty"`
	Encryption *Encryption `json:"encryption,omitempty"`
}

// Encryption is how a file was sealed (docs/wire.md §5): the envelope format
// ("pkcs7") and the SHA-256 of the certificate whose key wraps the
// content key; during a rotation every recipient's is in Certificates
// (Certificate is the first).
type Encryption struct {
	Format       string   `json:"format"`
	Certificate  string   `json:"certificate,omitempty"`
	Certificates []string `json:"certificates,omitempty"`
	Cipher       string   `json:"cipher,omitempty"` // "aes-256-cbc" or "aes-256-gcm"
}

// Leg is one party's SIP leg of a recording: its dialog's Call-ID, the DN
// of its Request-URI, and whether the URI asked for it to be recorded.
type Leg struct {
	CallID string `json:"callId"`
	DN     string `json:"dn,omitempty"`
	Record bool   `json:"record"`
}

// StorageRef is one place a file was stored.
type StorageRef struct {
	URI string `json:"uri"`
}

// Event is one entry of the event history (start, pause, resume, stop).
type Event struct {
	Event string `json:"event"`
	Time  string `json:"time"`
}

// Parse decodes a metadata document. Unknown fields are ignored, as a
// consumer of docs/wire.md §5 must.
func Parse(b []byte) (Document, error) {
	var d Document
	if err := json.Unmarshal(b, &d); err != nil {
		return Document{}, fmt.Errorf("recmeta: metadata document: %w", err)
	}
	return d, nil
}

// JSON encodes d compactly. A Document holds only strings, numbers, maps of
// strings and lists of them, so encoding cannot fail.
func (d Document) JSON() json.RawMessage {
	b, err := json.Marshal(d)
	if err != nil {
		panic(fmt.Sprintf("recmeta: encode document: %v", err))
	}
	return b
}

// File returns the entry of the file called mediaID, and whether there is
// one.
func (d Document) File(mediaID string) (MediaFile, bool) {
	for _, f := range d.MediaFiles {
		if f.MediaID == mediaID {
			return f, true
		}
	}
	return MediaFile{}, false
}

// AddStorage sets the storage list of every file named in locs (by
// mediaId) to its locations, in order; other files keep theirs.
func (d *Document) AddStorage(locs map[string][]string) {
	for i := range d.MediaFiles {
		mf := &d.MediaFiles[i]
		uris, ok := locs[mf.MediaID]
		if !ok {
			continue
		}
		refs := make([]StorageRef, len(uris))
		for j, u := range uris {
			refs[j].URI = u
		}
		mf.MediaDescriptor.Storage = refs
	}
}

// Merge returns one document for a recording from its files' documents
// (the sidecars): the first one's fields, every one's mediaFiles.
func Merge(docs ...Document) Document {
	if len(docs) == 0 {
		return Document{}
	}
	merged := docs[0]
	merged.MediaFiles = append([]MediaFile(nil), merged.MediaFiles...)
	for _, d := range docs[1:] {
		merged.MediaFiles = append(merged.MediaFiles, d.MediaFiles...)
	}
	return merged
}
