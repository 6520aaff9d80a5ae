package vxml_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/reel-project/reel/core/vxml"
	"github.com/reel-project/reel/core/vxml/driver"
	"github.com/reel-project/reel/core/vxml/fetch"
)

// loopback reaches 127.0.0.1 only: a fuzzed URL must not go to the network.
var loopback = &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
	if host, _, _ := net.SplitHostPort(addr); host != "127.0.0.1" {
		return nil, errors.New("fuzz: only 127.0.0.1")
	}
	return (&net.Dialer{}).DialContext(ctx, network, addr)
}}}

// FuzzSession runs arbitrary documents with scripted input: the session
// must end or wait within its limits, never panic.
func FuzzSession(f *testing.F) {
	f.Add([]byte(menuApp()), "1,2,3")
	f.Add([]byte(head+`<form><field name="x" type="digits"><prompt>x</prompt><filled><goto next="#a"/></filled></field></form><form id="a"><block><submit next="main.vxml"/></block></form></vxml>`), "12#")
	f.Add([]byte(head+`<catch><goto next="#a"/></catch><form id="a"><block><throw event="e"/></block></form></vxml>`), "")
	f.Add([]byte(head+`<form><subdialog name="s" src="#b"/></form><form id="b"><block><return namelist="q"/></block></form></vxml>`), "")
	f.Add([]byte(head+`<menu id="m" scope="document"><choice dtmf="0" next="#m">again</choice></menu><form scope="document"><grammar root="r" xmlns="http://www.w3.org/2001/06/grammar" mode="dtmf"><rule id="r">*<tag>out.f="x";</tag></rule></grammar><field name="f" type="digits" modal="false"><prompt bargeintype="hotword">p<mark name="a"/></prompt></field></form></vxml>`), "0,*,1#")
	f.Add([]byte(head+`<form><transfer name="t" dest="tel:1" bridge="true" fetchaudio="x.wav"><grammar root="r" xmlns="http://www.w3.org/2001/06/grammar" mode="dtmf"><rule id="r">9</rule></grammar></transfer></form></vxml>`), "9")
	var mu sync.Mutex
	var current []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		_, _ = w.Write(current)
	}))
	defer srv.Close()
	lim := vxml.DefaultLimits
	lim.ScriptBudget = 50 * time.Millisecond
	f.Fuzz(func(t *testing.T, data []byte, dtmf string) {
		keys, err := driver.ParseDTMF(dtmf)
		if err != nil {
			return
		}
		mu.Lock()
		current = data
		mu.Unlock()
		fetcher := fetch.New(fetch.Options{MaxBytes: 64 << 10, Client: loopback})
		driver.Run(context.Background(), fetcher, nil, srv.URL+"/main.vxml", driver.Script{DTMF: keys, Limits: lim, Limit: time.Minute})
	})
}
