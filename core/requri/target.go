package requri

import (
	"fmt"
	"strings"
)

// Kind is the call model a Request-URI asks for.
type Kind uint8

// Kinds. The zero value is Unknown.
const (
	Unknown    Kind = iota
	Conference      // msml=<conf-id>: a leg of an MSML conference (docs/wire.md §1.1)
	Recorder        // record=<unique-id>: a receive-only recorder session (docs/wire.md §1.2)
)

func (k Kind) String() string {
	switch k {
	case Conference:
		return "conference"
	case Recorder:
		return "recorder"
	}
	return "unknown"
}

// Target is what a Reel Request-URI asks for. Every string is un-escaped,
// valid UTF-8 and free of control characters.
type Target struct {
	Kind Kind
	// ID is the conf-id or recorder id as received: non-empty, at most 128
	// bytes, printable. It is not safe as a file name: use recmeta.SafeName.
	ID string

	DN           string // dn
	Record       bool   // record, record=1, record=true (false only for 0, false, no, off)
	Tenant       string // gvp-tenant-id
	MediaService string // media-service
	Profile      string // reel-profile, set by the RM
	CallUUID     string // calluuid
	RecordDN     string // recorddn
	OtherDN      string // otherdn

	// Params holds every URI parameter, names lower-cased, values un-escaped,
	// "" for a flag; a repeated name keeps its last value. Nil when there are
	// none. It goes into the recording's metadata.
	Params map[string]string
}

// Limits on what the network may send.
const (
	maxURI = 2048
	maxID  = 128
)

// Parse reads a Request-URI such as
// "sip:msml=conf123@10.0.0.5:5070;dn=7001;record".
func Parse(uri string) (Target, error) {
	u, params, err := splitParams(uri)
	if err != nil {
		return Target{}, err
	}
	kind, id, err := parseUser(u.user)
	if err != nil {
		return Target{}, err
	}
	return newTarget(kind, id, params), nil
}

func newTarget(kind Kind, id string, p map[string]string) Target {
	_, record := p["record"]
	return Target{
		Kind: kind, ID: id,
		DN: p["dn"], Record: record && !isFalse(p["record"]), Tenant: p["gvp-tenant-id"],
		MediaService: p["media-service"], Profile: p["reel-profile"],
		CallUUID: p["calluuid"], RecordDN: p["recorddn"], OtherDN: p["otherdn"],
		Params: p,
	}
}

func isFalse(v string) bool {
	switch strings.ToLower(v) {
	case "0", "false", "no", "off":
		return true
	}
	return false
}

// ParseRecorder reads the Request-URI of a session that names its call by
// other means — a SIPREC recording session (RFC 7866), whose user part is
// the SRS's and whose call is the dialog — as a Recorder with the given id
// (at most 128 bytes): the URI's parameters (reel-profile, gvp-tenant-id, …)
// count as for record=; any user part is accepted.
func ParseRecorder(uri, id string) (Target, error) {
	if id == "" || len(id) > maxID {
		return Target{}, fmt.Errorf("%w: recorder id of %d bytes, want 1–%d", ErrMalformed, len(id), maxID)
	}
	_, params, err := splitParams(uri)
	if err != nil {
		return Target{}, err
	}
	return newTarget(Recorder, id, params), nil
}

// splitParams checks the URI's length, splits it and reads its parameters.
func splitParams(uri string) (parts, map[string]string, error) {
	if len(uri) > maxURI {
		return parts{}, nil, fmt.Errorf("%w: %d bytes, limit %d", ErrMalformed, len(uri), maxURI)
	}
	u, err := split(uri)
	if err != nil {
		return parts{}, nil, err
	}
	params, err := parseParams(u.params)
	return u, params, err
}
