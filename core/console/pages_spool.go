package console

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/reel-project/reel/core/spool"
)

// spoolView is the spool page's data.
type spoolView struct {
	Jobs []spool.JobSummary
	Done string
}

func (c *Console) spool(w http.ResponseWriter, r *http.Request) {
	jobs, err := c.src.Spool.List(spool.Filter{})
	view := spoolView{Done: r.URL.Query().Get("done")}
	if err != nil {
		c.log.Error("console spool", "err", err)
		c.render(w, r, http.StatusInternalServerError, "spool.html", page{Title: "Spool", Nav: "spool", Error: err.Error(), Data: view})
		return
	}
	for _, j := range jobs { // what delivery has finished with is in recordings
		if j.State != spool.Done {
			view.Jobs = append(view.Jobs, j)
		}
	}
	c.render(w, r, http.StatusOK, "spool.html", page{Title: "Spool", Nav: "spool", Data: view})
}

// retry sends a dead letter (or a waiting job) back to delivery now. A
// form posted from another origin is refused.
func (c *Console) retry(w http.ResponseWriter, r *http.Request) {
	if !sameOrigin(r) {
		http.Error(w, "forbidden: a retry from another site", http.StatusForbidden)
		return
	}
	id := r.PathValue("id")
	if err := c.src.Spool.Retry(id); err != nil {
		code := http.StatusConflict
		if errors.Is(err, spool.ErrNotFound) {
			code = http.StatusNotFound
		}
		c.render(w, r, code, "spool.html", page{Title: "Spool", Nav: "spool", Error: err.Error(), Data: spoolView{}})
		return
	}
	http.Redirect(w, r, Path+"spool?done="+url.QueryEscape("retrying "+id), http.StatusSeeOther)
}

// sameOrigin reports whether a browser's Origin (when it sends one) is
// this host.
func sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" {
		return true
	}
	u, err := url.Parse(o)
	return err == nil && u.Host == r.Host
}

// export downloads the job as reelctl spool export writes it (a tar).
func (c *Console) export(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	w.Header().Set("Content-Type", "application/x-tar")
	w.Header().Set("Content-Disposition", `attachment; filename="`+url.PathEscape(id)+`.tar"`)
	if err := c.src.Spool.Export(id, w); err != nil {
		// An unknown or bad id fails before the archive starts; a failure
		// later cuts the archive short, which tar readers report.
		w.Header().Del("Content-Disposition")
		code := http.StatusInternalServerError
		if errors.Is(err, spool.ErrNotFound) {
			code = http.StatusNotFound
		}
		http.Error(w, err.Error(), code)
	}
}
