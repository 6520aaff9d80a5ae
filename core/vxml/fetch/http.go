package fetch

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

func (f *Fetcher) fetchHTTP(ctx context.Context, req Request) (*Response, error) {
	cacheable := strings.ToUpper(req.Method) != "POST" && len(req.Values) == 0
	key := req.URL.String()
	var old *entry
	if cacheable {
		if i := strings.IndexByte(key, '#'); i >= 0 {
			key = key[:i]
		}
		old = f.cache.get(key)
		if old != nil && old.usable(f.opt.Now(), req.MaxAge, req.MaxStale) {
			return &Response{URL: req.URL, Body: old.body, ContentType: old.ctype, entry: old}, nil
		}
	}
	timeout := req.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	hr, err := newHTTPRequest(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFetch, err)
	}
	if old != nil {
		old.conditional(hr)
	}
	resp, err := f.opt.Client.Do(hr)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFetch, err)
	}
	defer resp.Body.Close()
	return f.answer(req, key, old, cacheable, resp)
}

func (f *Fetcher) answer(req Request, key string, old *entry, cacheable bool, resp *http.Response) (*Response, error) {
	final := resp.Request.URL
	final.Fragment = req.URL.Fragment
	now := f.opt.Now()
	if resp.StatusCode == http.StatusNotModified && old != nil {
		old.refresh(resp.Header, now)
		return &Response{URL: final, Body: old.body, ContentType: old.ctype, entry: old}, nil
	}
	if resp.StatusCode != http.StatusOK {
		return nil, &StatusError{URL: req.URL.String(), Code: resp.StatusCode}
	}
	body, err := readLimited(resp.Body, f.opt.MaxBytes)
	if err != nil {
		return nil, err
	}
	out := &Response{URL: final, Body: body, ContentType: resp.Header.Get("Content-Type")}
	cc := parseCacheControl(resp.Header.Get("Cache-Control"))
	if !cacheable || cc.noStore {
		return out, nil
	}
	if old != nil && bytes.Equal(old.body, body) {
		old.refresh(resp.Header, now)
		out.Body, out.entry = old.body, old
		return out, nil
	}
	e := &entry{body: body, ctype: out.ContentType}
	e.refresh(resp.Header, now)
	f.cache.put(key, e)
	out.entry = e
	return out, nil
}

type cacheControl struct {
	noStore, noCache bool
	maxAge           time.Duration
	hasMaxAge        bool
}

func parseCacheControl(h string) cacheControl {
	var cc cacheControl
	for _, d := range strings.Split(h, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(strings.ToLower(d)), "=")
		switch k {
		case "no-store", "private":
			cc.noStore = true
		case "no-cache":
			cc.noCache = true
		case "max-age", "s-maxage":
			if n, err := strconv.Atoi(strings.Trim(v, `"`)); err == nil && n >= 0 {
				cc.maxAge, cc.hasMaxAge = time.Duration(n)*time.Second, true
			}
		}
	}
	return cc
}
