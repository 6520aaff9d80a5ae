package console

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/reel-project/reel/core/recapi"
	"github.com/reel-project/reel/core/recindex"
)

// searchView is the recordings page's data.
type searchView struct {
	Form       url.Values
	Page       recindex.Page
	Next, Prev string
}

func (c *Console) recordings(w http.ResponseWriter, r *http.Request) {
	form := r.URL.Query()
	for k, v := range form { // an empty form field is no filter
		if len(v) == 1 && v[0] == "" {
			delete(form, k)
		}
	}
	p, q, err := recapi.Search(c.src.Index, form)
	view := searchView{Form: r.URL.Query(), Page: p}
	if err != nil {
		code := http.StatusInternalServerError
		if errors.Is(err, recindex.ErrQuery) {
			code = http.StatusBadRequest
		} else {
			c.log.Error("console search", "err", err)
		}
		c.render(w, r, code, "recordings.html", page{Title: "Recordings", Nav: "recordings", Error: err.Error(), Data: view})
		return
	}
	view.Next, view.Prev = recapi.Links(r.URL.Path, q, p)
	c.render(w, r, http.StatusOK, "recordings.html", page{Title: "Recordings", Nav: "recordings", Data: view})
}

// detailView is the recording page's data.
type detailView struct {
	Detail    recindex.Detail
	Wave      *waveView
	WaveError string
}

func (c *Console) recording(w http.ResponseWriter, r *http.Request) {
	d, err := c.src.Index.Get(r.PathValue("id"))
	if err != nil {
		code := http.StatusNotFound
		if !errors.Is(err, recindex.ErrNotFound) {
			code = http.StatusInternalServerError
			c.log.Error("console recording", "err", err)
		}
		c.render(w, r, code, "recording.html", page{Title: "Recording", Nav: "recordings", Error: err.Error()})
		return
	}
	view := detailView{Detail: d}
	if wf, err := c.src.API.Waveform(d, waveWidth); err != nil {
		view.WaveError = "No waveform: " + err.Error()
	} else {
		view.Wave = newWaveView(wf)
	}
	c.render(w, r, http.StatusOK, "recording.html", page{Title: "Recording " + d.ID, Nav: "recordings", Data: view})
}
