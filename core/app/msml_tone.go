package app

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"time"

	"github.com/reel-project/reel/codecs"
	"github.com/reel-project/reel/core/conference"
	"github.com/reel-project/reel/core/prompt"
	"github.com/reel-project/reel/core/tone"
	"github.com/reel-project/reel/core/vxml/fetch"
	"github.com/reel-project/reel/msml/dispatch"
)

// toneLoadTimeout bounds fetching an audiosrc; the recording runs meanwhile
// and the tone joins it when it arrives.
const toneLoadTimeout = 5 * time.Second

// once is a tone gap so long that the tone plays a single time.
const once = 24 * time.Hour

// Tone audio limits: a notification beep lasts well under a second; ten
// seconds leaves room for a spoken announcement.
const (
	toneMaxBytes    = 1 << 20
	toneMaxDuration = 10 * time.Second
	toneCacheBytes  = 16 << 20
	// toneMaxStale serves a cached tone for this long past its HTTP
	// freshness before asking the origin again: tone servers seldom send
	// cache headers, and every recording start would fetch otherwise.
	toneMaxStale = 10 * time.Minute
)

// tones plays the notification tones MSML asks for: <record beep="true"> is
// one short beep at the start; audiosrc is audio played every
// tonesilenceduration (once when that is 0). Fetches are cached.
type tones struct {
	loader *prompt.Loader
	beep   *prompt.Audio
}

// newTones builds the tone loader. audiosrc must be http(s): a tone URI
// comes from the network and must not read the MCP's files, so the fetcher
// has no file roots.
func newTones() *tones {
	beep, _ := prompt.NewAudio(beepSamples()) // a valid constant tone: TestTheBuiltInBeepIsAValidTone
	f := fetch.New(fetch.Options{MaxBytes: toneMaxBytes})
	return &tones{loader: prompt.NewLoader(f, prompt.NewCache(toneCacheBytes, 0), toneMaxDuration), beep: beep}
}

// beepSamples is 200 ms of 1 kHz at about −12 dBFS.
func beepSamples() []int16 {
	pcm := make([]int16, 1600)
	for i := range pcm {
		pcm[i] = int16(8000 * math.Sin(2*math.Pi*1000*float64(i)/codecs.SampleRate))
	}
	return pcm
}

// play is msmlService.tone: it attaches the requested tone to the recording
// once its source is at hand; a source that cannot be loaded is logged and
// the recording goes on without it.
func (s *msmlService) play(conf *conference.Conference, recordingID string, t dispatch.Tone) {
	switch {
	case t.AudioSrc != "":
		go s.playSource(conf, recordingID, t)
	case t.Beep:
		s.attach(conf, recordingID, tone.NewPlayer(s.tones.beep, once))
	}
}

func (s *msmlService) playSource(conf *conference.Conference, recordingID string, t dispatch.Tone) {
	ctx, cancel := context.WithTimeout(context.Background(), toneLoadTimeout)
	defer cancel()
	src, err := s.tones.load(ctx, t.AudioSrc)
	if err != nil {
		s.log.Warn("tone not played", "recording_id", recordingID, "audiosrc", t.AudioSrc, "err", err)
		return
	}
	gap := t.Interval
	if gap <= 0 {
		gap = once
	}
	s.attach(conf, recordingID, tone.NewPlayer(src, gap))
}

// load fetches and decodes an audiosrc.
func (t *tones) load(ctx context.Context, uri string) (*prompt.Audio, error) {
	u, err := url.Parse(uri)
	if err != nil {
		return nil, fmt.Errorf("%w: bad URI: %w", fetch.ErrFetch, err)
	}
	return t.loader.Load(ctx, fetch.Request{URL: u, Timeout: toneLoadTimeout, MaxAge: -1, MaxStale: toneMaxStale})
}

func (s *msmlService) attach(conf *conference.Conference, recordingID string, p *tone.Player) {
	if err := conf.PlayTone(recordingID, p); err != nil {
		s.log.Info("tone not played: recording already ended", "recording_id", recordingID)
	}
}
