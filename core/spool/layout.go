package spool

import "path/filepath"

// layout names the folders of a spool directory (docs/decisions/0018-spool.md):
//
//	<root>/lock                   held (flock) by the process that has it open
//	<root>/jobs/<id>.json         job records being delivered
//	<root>/dead/<id>.json         dead letters
//	<root>/done/<id>.json         delivered jobs (for the horizon; with their files under KeepLocal)
//	<root>/corrupt/<file>         unreadable records, with <file>.reason
//	<root>/files/<id>/<name>      spooled files, until every destination acknowledged
//	<root>/active/<id>/           recordings being written, with active.json
type layout struct{ root string }

const (
	dirJobs    = "jobs"
	dirDead    = "dead"
	dirDone    = "done"
	dirCorrupt = "corrupt"
	dirFiles   = "files"
	dirActive  = "active"
	recordExt  = ".json"
	tempPrefix = ".tmp-"
	reasonExt  = ".reason"
)

var allDirs = []string{dirJobs, dirDead, dirDone, dirCorrupt, dirFiles, dirActive}

// recordDirs are where job records live, in the order Show looks.
var recordDirs = []string{dirJobs, dirDead, dirDone}

func (l layout) dir(name string) string       { return filepath.Join(l.root, name) }
func (l layout) record(dir, id string) string { return filepath.Join(l.root, dir, id+recordExt) }
func (l layout) filesOf(id string) string     { return filepath.Join(l.root, dirFiles, id) }
func (l layout) file(id, name string) string  { return filepath.Join(l.root, dirFiles, id, name) }
func (l layout) activeOf(id string) string    { return filepath.Join(l.root, dirActive, id) }
func (l layout) activeRecord(id string) string {
	return filepath.Join(l.root, dirActive, id, activeRecordName)
}
func (l layout) corrupt(name string) string { return filepath.Join(l.root, dirCorrupt, name) }
func (l layout) lockFile() string           { return filepath.Join(l.root, "lock") }
