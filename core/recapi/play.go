package recapi

import (
	"net/http"
	"os"
)

// play serves a file of a recording with range requests (http.ServeContent).
func (a *API) play(w http.ResponseWriter, r *http.Request) {
	d, err := a.idx.Get(r.PathValue("id"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	path, mf, err := a.Locate(d, r.PathValue("file"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if mf.Type != "" {
		w.Header().Set("Content-Type", mf.Type)
	}
	w.Header().Set("Content-Disposition", `inline; filename="`+mf.MediaID+`"`)
	http.ServeContent(w, r, mf.MediaID, fi.ModTime(), f)
}
