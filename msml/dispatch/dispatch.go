package dispatch

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/reel-project/reel/msml"
)

// Dispatch parses body and runs its operations on c, in order, until one
// fails. It always returns a result (200, or the failure's code with a
// description), never an error: the caller sends it back as the INFO's body.
func Dispatch(c Controller, body []byte) *msml.Result {
	doc, err := msml.Parse(body)
	if err != nil {
		return &msml.Result{Response: Code(err), Description: describe(err)}
	}
	if len(doc.Ops) == 0 {
		return &msml.Result{Response: CodeSyntax, Description: describe(fmt.Errorf("%w: <msml> holds no operation", ErrNotRequest))}
	}
	res := &msml.Result{Response: CodeOK}
	var notes []string
	for i, op := range doc.Ops {
		err := run(c, op, res)
		if code := Code(err); code != CodeOK {
			res.Response, res.Description = code, where(i, len(doc.Ops), op)+describe(err)
			return res
		}
		if err != nil {
			notes = append(notes, where(i, len(doc.Ops), op)+describe(err))
		}
		if m := mark(op); m != "" {
			res.Mark = m
		}
	}
	res.Description = clip(strings.Join(notes, "; "), MaxDescription)
	return res
}

// where names an operation for a description.
func where(i, n int, op msml.Op) string {
	if n == 1 {
		return "<" + op.Element() + ">: "
	}
	return fmt.Sprintf("<%s> (operation %d of %d): ", op.Element(), i+1, n)
}

// run executes one operation, adding the ids it creates to res.
func run(c Controller, op msml.Op, res *msml.Result) error {
	switch op := op.(type) {
	case *msml.CreateConference:
		if op.Name != "" {
			res.ConfIDs = append(res.ConfIDs, msml.Target{Kind: msml.Conf, ID: op.Name}.String())
		}
		return nil
	case *msml.Join:
		return nil
	case *msml.DialogStart:
		return start(c, op, res)
	case *msml.Send:
		return send(c, op)
	case *msml.DialogEnd:
		return c.Stop(op.ID)
	}
	return fmt.Errorf("%w: <%s> is a reply", ErrNotRequest, op.Element())
}

func start(c Controller, op *msml.DialogStart, res *msml.Result) error {
	s, err := startOf(op)
	if err != nil {
		return err
	}
	if _, err := c.Start(s); err != nil {
		return err
	}
	res.DialogIDs = append(res.DialogIDs, s.Dialog.String())
	return nil
}

func send(c Controller, op *msml.Send) error {
	switch op.Action() {
	case msml.ActPause:
		return c.Pause(op.Target)
	case msml.ActResume:
		return c.Resume(op.Target)
	}
	return c.Stop(op.Target)
}

// startOf reads a <dialogstart> into a Start.
func startOf(op *msml.DialogStart) (Start, error) {
	name := op.Name
	if name == "" {
		name = DefaultDialog
	}
	r := op.Record
	s := Start{Dialog: op.Target.WithDialog(name), VoiceXML: op.Src, Format: r.Format, Dest: r.Dest, MaxTime: r.MaxTime,
		Append: r.Append, Params: make(map[string]string, len(op.Params)+1), Tone: Tone{Beep: r.Beep}}
	for _, p := range op.Params {
		s.Params[p.Name] = p.Value
		if err := genesysParam(&s, p); err != nil {
			return Start{}, err
		}
	}
	if s.Dest != "" {
		s.Params["record.dest"] = s.Dest
	}
	return s, nil
}

// genesysParam applies the params Reel itself reads (docs/wire.md §2).
func genesysParam(s *Start, p msml.Param) error {
	switch strings.ToLower(p.Name) {
	case "id":
		s.ID = p.Value
	case "audiosrc":
		s.Tone.AudioSrc = p.Value
	case "tonesilenceduration":
		ms, err := strconv.Atoi(p.Value)
		if err != nil || ms < 0 {
			return fmt.Errorf("%w: tonesilenceduration %.40q: want milliseconds (a whole number ≥ 0)", ErrBadParam, p.Value)
		}
		s.Tone.Interval = time.Duration(ms) * time.Millisecond
	}
	return nil
}

func mark(op msml.Op) string {
	switch op := op.(type) {
	case *msml.CreateConference:
		return op.Mark
	case *msml.Join:
		return op.Mark
	case *msml.DialogStart:
		return op.Mark
	case *msml.Send:
		return op.Mark
	case *msml.DialogEnd:
		return op.Mark
	}
	return ""
}
