package recapi

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/reel-project/reel/core/recindex"
)

// PathRecordings is the collection's path.
const PathRecordings = "/api/v2/recordings"

// API serves the recordings API over an index. Its handlers are safe for
// concurrent use.
type API struct {
	idx   *recindex.Index
	roots []string
	log   *slog.Logger
}

// New returns the API over idx, serving files found under roots.
func New(idx *recindex.Index, log *slog.Logger, roots ...string) *API {
	if log == nil {
		log = slog.Default()
	}
	return &API{idx: idx, roots: cleanRoots(roots), log: log}
}

// Routes are the API's http.ServeMux patterns.
func (a *API) Routes() map[string]http.Handler {
	return map[string]http.Handler{
		"GET " + PathRecordings:                           http.HandlerFunc(a.list),
		"GET " + PathRecordings + "/{id}":                 http.HandlerFunc(a.detail),
		"GET " + PathRecordings + "/{id}/play/{file}":     http.HandlerFunc(a.play),
		"GET " + PathRecordings + "/{id}/waveform/{file}": http.HandlerFunc(a.waveform),
	}
}

// List is the answer of GET /api/v2/recordings.
type List struct {
	StatusCode int                `json:"statusCode"` // 0, as RWS says success
	Recordings []recindex.Summary `json:"recordings"`
	Next       string             `json:"next,omitempty"` // URL of the older page
	Prev       string             `json:"prev,omitempty"` // URL of the newer page
}

func (a *API) list(w http.ResponseWriter, r *http.Request) {
	p, q, err := Search(a.idx, r.URL.Query())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	next, prev := Links(r.URL.Path, q, p)
	writeJSON(w, http.StatusOK, List{Recordings: nonNil(p.Items), Next: next, Prev: prev})
}

// Search parses v and runs it: the one path of the API and the console.
func Search(idx *recindex.Index, v url.Values) (recindex.Page, recindex.Query, error) {
	q, err := recindex.ParseQuery(v)
	if err != nil {
		return recindex.Page{}, q, err
	}
	p, err := idx.Search(q)
	return p, q, err
}

// Links returns the URLs of the pages after and before p at path.
func Links(path string, q recindex.Query, p recindex.Page) (next, prev string) {
	link := func(key, cursor string) string {
		if cursor == "" {
			return ""
		}
		v := q.Values()
		v.Set(key, cursor)
		return path + "?" + v.Encode()
	}
	return link("after", p.Next), link("before", p.Prev)
}

func nonNil(s []recindex.Summary) []recindex.Summary {
	if s == nil {
		return []recindex.Summary{}
	}
	return s
}

func (a *API) detail(w http.ResponseWriter, r *http.Request) {
	d, err := a.idx.Get(r.PathValue("id"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

// fail answers err with its status: 400 for a bad query, 404 for an unknown
// recording or file, 409 for an encrypted one, 500 (logged) otherwise.
func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := http.StatusInternalServerError
	switch {
	case errors.Is(err, recindex.ErrQuery):
		code = http.StatusBadRequest
	case errors.Is(err, recindex.ErrNotFound), errors.Is(err, ErrNoFile):
		code = http.StatusNotFound
	case errors.Is(err, ErrEncrypted):
		code = http.StatusConflict
	default:
		a.log.Error("recordings API", "path", r.URL.Path, "err", err)
	}
	writeJSON(w, code, map[string]any{"statusCode": code, "statusMessage": err.Error()})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}
