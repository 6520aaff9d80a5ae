package wav

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// RepairReport says what Repair found and changed.
type RepairReport struct {
	// Format is read from the fmt chunk; Encoding is the raw format tag,
	// which may be one this package does not write.
	Format Format
	// DataBytes is the size of the data chunk after the repair.
	DataBytes int64
	// Trimmed is the number of bytes of a partial sample frame cut from the
	// end of the file.
	Trimmed int64
	// Padded is true when a pad byte was appended after an odd-sized data chunk.
	Padded bool
	// Fixes lists the header fields rewritten, in file order.
	Fixes []Fix
	// blockAlign is the frame size from the fmt chunk, for Duration.
	blockAlign int64
}

// Fix is one 32-bit header field Repair rewrote.
type Fix struct {
	Field    string // "RIFF size", "fact sample count" or "data size"
	Offset   int64
	Old, New uint32
}

// Changed reports whether Repair modified the file.
func (r RepairReport) Changed() bool { return len(r.Fixes) > 0 || r.Trimmed > 0 || r.Padded }

// Duration returns the playing time of the repaired data chunk.
func (r RepairReport) Duration() time.Duration {
	if r.blockAlign == 0 || r.Format.SampleRate == 0 {
		return 0
	}
	return time.Duration(r.DataBytes/r.blockAlign) * time.Second / time.Duration(r.Format.SampleRate)
}

// Repair makes the WAV file at path valid again after its writer died: the
// data chunk is taken to run to the end of the file unless its recorded size
// is consistent, a trailing partial sample frame is cut off, a pad byte is
// added after odd-sized data, and the RIFF size, data size and (for
// frame-based formats) the fact sample count are rewritten. Headers never
// patched (sizes 0 or 0xFFFFFFFF) are handled the same way. A valid file is
// left untouched. Changes are fsynced before Repair returns.
//
// It returns ErrNotWAV for a file that is not RIFF/WAVE, ErrTruncatedHeader
// when the file ends before the first sample byte and ErrBadHeader for a
// header that makes no sense. The file must not be open for writing elsewhere.
func Repair(path string) (RepairReport, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return RepairReport{}, fmt.Errorf("wav: %w", err)
	}
	report, err := repairFile(f)
	return report, errors.Join(err, f.Close())
}

func repairFile(f *os.File) (RepairReport, error) {
	st, err := f.Stat()
	if err != nil {
		return RepairReport{}, fmt.Errorf("wav: %w", err)
	}
	l, err := readLayout(f, st.Size())
	if err != nil {
		return RepairReport{}, err
	}
	p, err := planRepair(f, l, st.Size())
	if err != nil {
		return p.report, err
	}
	return p.report, p.apply(f)
}

// repairPlan is what Repair will do to one file.
type repairPlan struct {
	report   RepairReport
	truncate int64 // new file size before padding; -1 to keep the size
	padAt    int64 // offset of the pad byte to write; -1 for none
}

// planRepair decides the data size and the header values for a file of size
// bytes with layout l.
func planRepair(r io.ReaderAt, l layout, size int64) (repairPlan, error) {
	p := repairPlan{truncate: -1, padAt: -1}
	p.report.Format, p.report.blockAlign = l.format, l.blockAlign
	avail, declared := size-l.dataAt, int64(l.dataSize)
	data := declared
	if !declaredSizeHolds(r, l, avail, size) {
		data = avail - avail%l.blockAlign
		p.report.Trimmed = avail - data
		if p.report.Trimmed > 0 {
			p.truncate = l.dataAt + data
		}
		size = l.dataAt + data
	}
	if data > 1<<32-1 {
		return p, fmt.Errorf("%w: %d data bytes", ErrTooLarge, data)
	}
	if dataEnd := l.dataAt + data; data&1 == 1 && dataEnd == size {
		p.padAt, size, p.report.Padded = dataEnd, size+1, true
	}
	if size-8 > 1<<32-1 {
		return p, fmt.Errorf("%w: %d bytes in the file", ErrTooLarge, size)
	}
	p.report.DataBytes = data
	p.fix("RIFF size", 4, l.riffSize, uint32(size-8))
	if l.factAt != 0 && framesAreBlocks(l.format.Encoding) {
		p.fix("fact sample count", l.factAt, l.factValue, uint32(data/l.blockAlign))
	}
	p.fix("data size", l.dataSizeAt, l.dataSize, uint32(data))
	return p, nil
}

// framesAreBlocks reports whether one block of the format is one sample frame,
// so the fact chunk's sample count is data size / block size.
func framesAreBlocks(e Encoding) bool {
	const ieeeFloat = 3
	return e == PCM16 || e == ALaw || e == MuLaw || e == ieeeFloat
}

func (p *repairPlan) fix(field string, off int64, old, v uint32) {
	if old != v {
		p.report.Fixes = append(p.report.Fixes, Fix{Field: field, Offset: off, Old: old, New: v})
	}
}

// apply performs the plan and syncs the file if anything changed.
func (p *repairPlan) apply(f *os.File) error {
	if !p.report.Changed() {
		return nil
	}
	if p.truncate >= 0 {
		if err := f.Truncate(p.truncate); err != nil {
			return fmt.Errorf("wav: cut partial frame: %w", err)
		}
	}
	if p.padAt >= 0 {
		if _, err := f.WriteAt([]byte{0}, p.padAt); err != nil {
			return fmt.Errorf("wav: write pad byte: %w", err)
		}
	}
	for _, fx := range p.report.Fixes {
		var b [4]byte
		binary.LittleEndian.PutUint32(b[:], fx.New)
		if _, err := f.WriteAt(b[:], fx.Offset); err != nil {
			return fmt.Errorf("wav: rewrite %s: %w", fx.Field, err)
		}
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("wav: sync: %w", err)
	}
	return nil
}
