package app

import (
	"fmt"

	"github.com/reel-project/reel/core/conference"
	"github.com/reel-project/reel/core/sipua"
	"github.com/reel-project/reel/msml"
	"github.com/reel-project/reel/msml/dispatch"
)

// controller is the dispatch.Controller of one INFO: the engine's
// conferences and legs, acted on for the SIP dialog the INFO came on, which
// becomes the controlling dialog of the recordings it starts.
type controller struct {
	s   *msmlService
	dlg *sipua.Dialog
}

var _ dispatch.Controller = (*controller)(nil)

// resolve finds the conference (and, for conn:, the leg) an identifier names.
func (c *controller) resolve(t msml.Target) (*conference.Conference, *conference.Leg, error) {
	if t.Kind == msml.Conn {
		if l := c.s.conns.lookup(t.ID); l != nil {
			return l.Conference(), l, nil
		}
		return nil, nil, fmt.Errorf("%w: conn:%s: no connection with that To tag or Call-ID", dispatch.ErrUnknownTarget, t.ID)
	}
	if conf := c.s.e.Conference(t.ID); conf != nil {
		return conf, nil, nil
	}
	return nil, nil, fmt.Errorf("%w: conf:%s: no conference with that id", dispatch.ErrUnknownTarget, t.ID)
}

// Start starts recording the conference or leg for this INFO's dialog.
func (c *controller) Start(s dispatch.Start) (string, error) {
	conf, leg, err := c.resolve(s.Dialog)
	if err != nil {
		return "", err
	}
	if s.VoiceXML != "" {
		return s.Dialog.String(), c.s.ivr.startDialog(conf, leg, s, c.dlg)
	}
	id, err := c.s.rec.Start(conf, startRequest{Format: s.Format, ID: s.ID, Params: s.Params,
		Dialog: s.Dialog.Dialog, Leg: leg, MaxTime: s.MaxTime,
		Owner: &dialogExit{log: c.s.log, dlg: c.dlg, dialog: s.Dialog}})
	if err != nil {
		return "", msmlError(s.Dialog, err)
	}
	c.s.log.Info("msml recording started", "call_id", c.dlg.CallID(), "conf_id", conf.ID(),
		"recording_id", id, "dialog", s.Dialog.String())
	if c.s.tone != nil {
		c.s.tone(conf, id, s.Tone)
	}
	return id, nil
}

// Pause writes silence into the named recording until Resume.
func (c *controller) Pause(t msml.Target) error {
	return c.act(t, c.s.rec.Pause)
}

// Resume goes back to the call's audio.
func (c *controller) Resume(t msml.Target) error {
	return c.act(t, c.s.rec.Resume)
}

// Stop ends the named VoiceXML dialog or recording; either sends its
// msml.dialog.exit when it has ended.
func (c *controller) Stop(t msml.Target) error {
	if c.s.ivr.dialogs.stop(t) {
		return nil
	}
	return c.act(t, c.s.rec.Stop)
}

func (c *controller) act(t msml.Target, f func(*conference.Conference, conference.Selector) error) error {
	conf, leg, err := c.resolve(t)
	if err != nil {
		return err
	}
	return msmlError(t, f(conf, conference.Selector{Dialog: t.Dialog, Leg: leg}))
}
