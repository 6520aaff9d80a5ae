package webdav

import (
	"net/http"

	"github.com/reel-project/reel/plugins/davtest"
)

func newGet(uri string) (*http.Request, error) {
	req, err := http.NewRequest(http.MethodGet, uri, nil)
	if err == nil {
		req.SetBasicAuth(davtest.User, davtest.Password)
	}
	return req, err
}
