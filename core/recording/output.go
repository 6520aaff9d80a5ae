package recording

import (
	"bufio"
	"errors"
	"os"

	"github.com/reel-project/reel/codecs"
	"github.com/reel-project/reel/codecs/mp3/lame"
	"github.com/reel-project/reel/codecs/wav"
)

// output is one file being written.
type output struct {
	format Format
	path   string
	name   string
	fw     codecs.FrameWriter
	file   *os.File      // MP3 only: the file under buf
	buf    *bufio.Writer // MP3 only: batches LAME's small frames into few writes
	closed bool
}

// open creates the file (and, for MP3, sets LAME up).
func (o *output) open() error {
	f := o.format
	if !f.mp3 {
		w, err := wav.New(o.path, wav.Format{Encoding: f.enc, Channels: f.Channels, SampleRate: codecs.SampleRate})
		if err != nil {
			return err
		}
		o.fw = w
		return nil
	}
	file, err := os.OpenFile(o.path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o640)
	if err != nil {
		return err
	}
	o.file, o.buf = file, bufio.NewWriterSize(file, 8192)
	enc, err := lame.NewEncoder(o.buf, f.mode)
	if err != nil {
		file.Close()
		os.Remove(o.path)
		return err
	}
	o.fw = enc
	return nil
}

// flush pushes everything encoded so far into the file (not fsync: the page
// cache survives a kill -9 of the process).
func (o *output) flush() error {
	if err := o.fw.Flush(); err != nil {
		return err
	}
	if o.buf != nil {
		return o.buf.Flush()
	}
	return nil
}

func (o *output) close() error {
	if o.closed || o.fw == nil {
		return nil
	}
	o.closed = true
	err := o.fw.Close()
	if o.file != nil {
		err = errors.Join(err, o.buf.Flush(), o.file.Sync(), o.file.Close())
	}
	return err
}

func (o *output) size() int64 {
	st, err := os.Stat(o.path)
	if err != nil {
		return 0
	}
	return st.Size()
}
