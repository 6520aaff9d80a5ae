package recindex

import (
	"encoding/json"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/core/spool"
)

// States of a recording in the index: the spool's, plus Indexed for one
// known only from its sidecars.
const (
	StatePending   = string(spool.Pending)
	StateDelivered = string(spool.Done)
	StateDead      = string(spool.Dead)
	StateIndexed   = "indexed" // from sidecars: delivered, no spool record left
)

// Summary is one recording as a result row shows it, and what the filters
// read.
type Summary struct {
	ID        string    `json:"id"`
	Start     time.Time `json:"startTime"`
	Stop      time.Time `json:"stopTime"`
	ANI       string    `json:"callerPhoneNumber,omitempty"`
	DNIS      string    `json:"dialedPhoneNumber,omitempty"`
	DNs       []string  `json:"dns,omitempty"` // the legs' DNs
	CallUUID  string    `json:"callUUID,omitempty"`
	Tenant    string    `json:"tenant,omitempty"`
	State     string    `json:"state"`
	Lost      int64     `json:"packetsLost"`
	CutShort  bool      `json:"cutShort"`
	Encrypted bool      `json:"encrypted"`
	Files     []string  `json:"files"` // media ids
}

// Detail is a recording's detail view: the summary, the metadata document
// and where delivery stands for each destination.
type Detail struct {
	Summary
	Document    recmeta.Document `json:"document"`
	Delivery    []Delivery       `json:"delivery,omitempty"`
	Attempts    int              `json:"attempts,omitempty"`
	NextAttempt time.Time        `json:"nextAttempt,omitzero"`
	LastError   string           `json:"lastError,omitempty"`
	Reason      string           `json:"reason,omitempty"` // why it is dead
}

// Delivery is one destination of a recording.
type Delivery struct {
	Destination string    `json:"destination"`
	Step        string    `json:"step"`
	State       string    `json:"state"`
	Locations   []string  `json:"locations,omitempty"`
	At          time.Time `json:"at,omitzero"`
	Attempts    int       `json:"attempts"`
	LastError   string    `json:"lastError,omitempty"`
}

// FromJob builds the entry of a spool job (its record holds the merged
// document). A job without a readable document is indexed by its times.
func FromJob(j spool.Job) Detail {
	var doc recmeta.Document
	if len(j.Document) > 0 {
		doc, _ = recmeta.Parse(j.Document) // the spool wrote it; a bad one still indexes the job
	}
	d := FromDocument(j.ID, string(j.State), doc)
	if d.Start.IsZero() {
		d.Start = j.FirstSeen.UTC()
	}
	d.Attempts, d.NextAttempt, d.LastError, d.Reason = j.Attempts, j.NextAttempt, j.LastError, j.Reason
	for _, ds := range j.Dests {
		d.Delivery = append(d.Delivery, delivery(ds))
	}
	return d
}

func delivery(ds spool.DestState) Delivery {
	out := Delivery{Destination: ds.Name, Step: ds.Step.String(), State: string(ds.State), Attempts: ds.Attempts,
		LastError: ds.LastError}
	if ds.Reason != "" {
		out.LastError = ds.Reason
	}
	for _, it := range ds.Items {
		if it.Location != "" {
			out.Locations = append(out.Locations, it.Location)
		}
		if it.At.After(out.At) {
			out.At = it.At
		}
	}
	return out
}

// FromDocument builds the entry of recording id from its metadata document.
func FromDocument(id, state string, doc recmeta.Document) Detail {
	s := Summary{ID: id, State: state, ANI: doc.CallerPhoneNumber, DNIS: doc.DialedPhoneNumber}
	s.Start, _ = recmeta.ParseTime(doc.StartTime)
	s.Stop, _ = recmeta.ParseTime(doc.StopTime)
	for _, f := range doc.MediaFiles {
		s.Files = append(s.Files, f.MediaID)
		s.CallUUID = cmp(s.CallUUID, f.CallUUID)
		s.Tenant = cmp(s.Tenant, f.Tenant)
		s.Lost += f.Completeness.PacketsLost
		s.CutShort = s.CutShort || f.Completeness.CutShort
		s.Encrypted = s.Encrypted || f.MediaDescriptor.Encryption != nil
		for _, l := range f.Legs {
			if l.DN != "" && !slices.Contains(s.DNs, l.DN) {
				s.DNs = append(s.DNs, l.DN)
			}
		}
	}
	s.Start, s.Stop = s.Start.UTC(), s.Stop.UTC()
	return Detail{Summary: s, Document: doc}
}

func cmp(have, next string) string {
	if have != "" {
		return have
	}
	return next
}

// numbers returns every DN the recording is found by: ANI, DNIS and the legs'.
func (s *Summary) numbers() []string {
	out := make([]string, 0, 2+len(s.DNs))
	for _, n := range append([]string{s.ANI, s.DNIS}, s.DNs...) {
		if n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// match reports whether s passes q's filters (the time range and cursor are
// the scan's).
func (s *Summary) match(q *Query) bool {
	switch {
	case q.ANI != "" && !wild(q.ANI, s.ANI),
		q.DNIS != "" && !wild(q.DNIS, s.DNIS),
		q.CallUUID != "" && !strings.EqualFold(q.CallUUID, s.CallUUID),
		q.Tenant != "" && q.Tenant != s.Tenant,
		q.DN != "" && !slices.ContainsFunc(s.numbers(), func(n string) bool { return wild(q.DN, n) }):
		return false
	}
	return q.Completeness.match(s)
}

// wild matches a number against a pattern with * and ? (path.Match's
// syntax, which has no separators in a phone number).
func wild(pattern, s string) bool {
	ok, _ := path.Match(pattern, s) // patterns are checked when parsed
	return ok
}

func (d Detail) encode() (sum, det []byte) {
	sum, _ = json.Marshal(d.Summary) // plain data: cannot fail
	det, _ = json.Marshal(d)
	return sum, det
}
