package console

import "net/http"

func (c *Console) calls(w http.ResponseWriter, r *http.Request) {
	c.render(w, r, http.StatusOK, "calls.html", page{Title: "Live calls", Nav: "calls", Data: c.src.Calls()})
}
